// Things a responder must know besides the incidents: the allow list emptied by deletions, home
// volumes deleted with users, a culler refused by the hub, the pattern recurring after a restart.
import type { HubEvent } from '../core/model/events.js';
import type { Evidence, Finding, HubStart, Incident } from '../core/model/report.js';
import { iso } from '../core/time.js';
import { evidenceOf } from './evidence.js';

const SEVERITY_ORDER = { critical: 0, error: 1, warning: 2, info: 3 } as const;

interface Emptied {
  at: string;
  users: string[];
  evidence: Evidence[];
  certain: boolean;
}

export class FindingsTracker {
  // Per hub-start segment: who was seen logging in, who was deleted, who was refused as not allowed.
  private loggedIn = new Set<string>();
  private deleted = new Set<string>();
  private refusedNotAllowed = new Set<string>();
  private deletions = 0;
  private emptied: Emptied | null = null;
  private readonly emptiedAll: Emptied[] = [];
  private hubMajor: number | null = null;
  private readonly pvcs: Evidence[] = [];
  private pvcCount = 0;
  private cullerRefusals = 0;
  private readonly cullerRefusalEvidence: Evidence[] = [];
  private cullerRefusedAt: string | null = null;
  private recurred: Finding | null = null;

  // The log line of each hub start, so a finding quotes it rather than a description of it.
  private readonly startLines = new Map<string, Evidence>();

  onStart(version?: string | null, line?: Evidence): void {
    if (line) this.startLines.set(`${line.source}\0${line.line}`, line);
    this.loggedIn.clear();
    this.deleted.clear();
    this.refusedNotAllowed.clear();
    this.deletions = 0;
    this.emptied = null;
    if (version) this.hubMajor = Number(version.split('.')[0]);
  }

  onDeleted(user: string): void {
    this.deleted.add(user);
    this.deletions++;
  }

  onNotAllowed(user: string): void {
    this.refusedNotAllowed.add(user);
  }

  /** An admin (re)created the user through the API: a later login proves nothing about the list. */
  onUserCreated(user: string): void {
    this.refusedNotAllowed.delete(user);
    this.deleted.delete(user);
  }

  onLogin(ev: HubEvent, user: string): void {
    const wasRefused = this.refusedNotAllowed.has(user) || (this.deleted.has(user) && this.deletions > 0);
    const seenBefore = this.loggedIn.has(user) || this.deleted.has(user);
    const allSeenDeleted = this.loggedIn.size > 0 && [...this.loggedIn].every((u) => this.deleted.has(u));
    // On JupyterHub ≤ 4 (with OAuthenticator ≤ 15) an empty allow list lets any authenticated user in.
    const oldHub = this.hubMajor === null || this.hubMajor <= 4;
    if (this.emptied) {
      if (!this.emptied.users.includes(user) && (wasRefused || !seenBefore)) {
        this.emptied.users.push(user);
        if (this.emptied.evidence.length < 8) this.emptied.evidence.push(evidenceOf(ev));
      }
    } else if (this.deletions > 0 && this.refusedNotAllowed.has(user)) {
      this.openEmptied(ev, user, true);
    } else if (oldHub && !seenBefore && allSeenDeleted) {
      this.openEmptied(ev, user, false);
    }
    this.loggedIn.add(user);
    this.deleted.delete(user);
    this.refusedNotAllowed.delete(user);
  }

  private openEmptied(ev: HubEvent, user: string, certain: boolean): void {
    this.emptied = { at: iso(ev.t) ?? '', users: [user], evidence: [evidenceOf(ev)], certain };
    this.emptiedAll.push(this.emptied);
  }

  pvcDeleted(ev: HubEvent): void {
    this.pvcCount++;
    if (this.pvcs.length < 5) this.pvcs.push(evidenceOf(ev));
  }

  cullerRefused(ev: HubEvent): void {
    this.cullerRefusals++;
    this.cullerRefusedAt ??= iso(ev.t);
    if (this.cullerRefusalEvidence.length < 3) this.cullerRefusalEvidence.push(evidenceOf(ev));
  }

  /** The signature of this incident: culler deletions before a restart, and again after it. */
  finishRecurrence(incidents: Incident[], starts: HubStart[]): void {
    this.recurred = null;
    const culled = incidents.filter((i) => i.deletedBy === 'culler');
    for (const s of starts) {
      const st = Date.parse(s.at);
      const before = culled.filter((i) => Date.parse(i.deletedAt) < st);
      const after = culled.filter((i) => Date.parse(i.deletedAt) >= st);
      if (before.length > 0 && after.length > 0) {
        const users = [...new Set(after.map((i) => i.user))];
        const startLine = this.startLines.get(`${s.source}\0${s.line}`);
        this.recurred = {
          kind: 'pattern-recurred', severity: 'error', at: after[0].deletedAt,
          summary: `The culler deleted users again after the hub restart at ${s.at}: ${users.length} user(s) (${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''}). A restart only hides the problem until the next cull.`,
          users, evidence: [...(startLine ? [startLine] : []), ...after[0].evidence.slice(0, 2)],
        };
        break;
      }
    }
  }

  list(incidents: Incident[]): Finding[] {
    const out: Finding[] = [];
    for (const e of this.emptiedAll) {
      out.push({
        kind: 'allow-list-emptied', severity: e.certain ? 'critical' : 'warning', at: e.at, users: e.users, evidence: e.evidence,
        summary: e.certain
          ? `After user deletions, ${e.users[0]}, refused earlier as not allowed, logged in without a hub restart: every allowed user was deleted and the empty allow list admits anyone who can authenticate. Admitted while it was empty: ${e.users.join(', ')}. They are now in the hub database and a restart keeps them allowed; remove them through the admin page or the API.`
          : `Every user seen in this log had been deleted when ${e.users.join(', ')} logged in for the first time: the allow list may be empty, which admits anyone who can authenticate (JupyterHub ≤ 4). Check these accounts; a restart keeps them allowed.`,
      });
    }
    if (this.recurred) out.push(this.recurred);
    if (this.cullerRefusals > 0) {
      out.push({
        kind: 'culler-refused', severity: 'error', at: this.cullerRefusedAt, evidence: this.cullerRefusalEvidence,
        summary: `The hub refused ${this.cullerRefusals} request(s) of the idle culler (403): it cannot do its job. Check the scopes of the culler's role (list:users, read:users:activity, read:servers, delete:servers, admin:users when culling users).`,
      });
    }
    if (this.pvcCount > 0 && incidents.length > 0) {
      out.push({
        kind: 'home-volumes-deleted', severity: 'warning', at: null, evidence: this.pvcs,
        summary: `${this.pvcCount} home volume claim(s) (PVC) were deleted along with deleted users: on z2jh ≥ 1.0 deleting a user also deletes their home directory. Check backups before users notice.`,
      });
    }
    return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }
}
