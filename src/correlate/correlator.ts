// The incident story as rules, fed one event at a time in time order (so `analyze` and `watch`
// share it):
//   1. a user deletion (hub DELETE /hub/api/users/<n> 2xx, or the culler's `Culling user` when the
//      hub line is missing) opens an incident for that user;
//   2. every later refused login of that user is a denial of the incident, until the user logs in
//      again or the hub restarts (a restart reloads the allow list from config);
//   3. every refused request gets a cause, and a 403 with no deletion before it is never a culler incident.
import type { HubEvent } from '../core/model/events.js';
import type { DenialCause, HubStart, Incident } from '../core/model/report.js';
import { DenialTable } from './denials.js';
import { iso, NO_TIME } from '../core/time.js';
import { CullerTracker } from './culler.js';
import { FindingsTracker } from './findings.js';
import { RefusalMatcher, type Refusal } from './refusals.js';
import { evidenceOf } from './evidence.js';
import { StringTable } from './strings.js';
import { safeDecodeURIComponent } from '../core/text.js';
import type { Alert } from '../core/model/alerts.js';


export interface Correlation {
  incidents: Incident[];
  denials: DenialTable;
  hubStarts: HubStart[];
  culler: CullerTracker;
  findings: FindingsTracker;
}

interface OpenIncident {
  idx: number;
}

// The culler logs `Culling user` (whole seconds) before it sends the DELETE; the hub logs the DELETE
// when it is done. Pair them by name within this window rather than by equal timestamps.
const PAIR_BEFORE_MS = 2_000;
const PAIR_AFTER_MS = 60_000;
// z2jh prints `Loading …/values.yaml` moments before `Running JupyterHub version`: one start.
const START_MARKER_GAP_MS = 5 * 60_000;
// The deletion (culler line, DELETE, PVC), the first refusal (its two lines) and the return: enough
// to follow the story in the log, and bounded for archives with tens of thousands of incidents.
const MAX_EVIDENCE = 6;

export class Correlator {
  readonly incidents: Incident[] = [];
  readonly denials = new DenialTable();
  readonly hubStarts: HubStart[] = [];
  readonly culler = new CullerTracker();
  readonly findings = new FindingsTracker();
  private readonly refusals = new RefusalMatcher();
  private readonly open = new Map<string, OpenIncident>();
  // restoredAt is the first successful login after the deletion, even when a restart came between.
  private readonly awaitingLogin = new Map<string, number>();
  private readonly pendingCulls = new Map<string, { t: number; ev: HubEvent; inactive: string | null; byCuller: boolean }>();
  private readonly recentDeletes = new Map<string, { t: number; idx: number }>();
  private lastStartT = -Infinity;
  private readonly strings = new StringTable();
  private cullerTotal = 0;
  private cullerAtLastStart = 0;
  private lastStartHasVersion = false;
  private now = -Infinity;
  // Without alerts or pruning: the time of each incident's latest denial, by incident index.
  private readonly lastDeniedT: number[] = [];

  // `bounded` is for `watch`, which runs for days: no denial list, and prune() forgets finished and
  // stale incidents. `analyze` leaves it off, so its report keeps every incident and denial.
  constructor(private readonly onAlert?: (a: Alert) => void, private readonly opts: { bounded?: boolean } = {}) {}

  get segment(): number {
    return this.hubStarts.length;
  }

  push(ev: HubEvent): void {
    if (Number.isFinite(ev.t) && ev.t > this.now) this.now = ev.t;
    this.expirePendingCulls();
    this.culler.observe(ev);
    switch (ev.kind) {
      case 'hub-start': return this.onStart(ev);
      case 'user-deleted': return this.onDeleted(ev);
      case 'culler-culled-user': return this.onCullLine(ev, ev.user, ev.inactive, true);
      case 'deleting-user': return this.onCullLine(ev, ev.user, null, ev.shape === 'idle-culler');
      case 'login-refused': return this.refusals.addRefusal(ev);
      case 'login-failed': return this.refusals.addFailed(ev);
      case 'http-error': return this.refusals.addHttpError(ev);
      case 'login-succeeded': return this.onLogin(ev, ev.user);
      case 'pvc-deleted': return this.findings.pvcDeleted(ev);
      case 'access': return this.onAccess(ev);
      default:
    }
  }

  /** Ends the stream: culler lines whose hub DELETE never came open their incidents now. */
  finish(): Correlation {
    this.now = Infinity;
    this.expirePendingCulls();
    this.lastDeniedT.forEach((t, idx) => (this.incidents[idx].lastDeniedAt = iso(t) ?? NO_TIME));
    this.lastDeniedT.length = 0;
    this.findings.finishRecurrence(this.incidents, this.hubStarts);
    return { incidents: this.incidents, denials: this.denials, hubStarts: this.hubStarts, culler: this.culler, findings: this.findings };
  }

  /** Users deleted and not back yet (no login, no restart since): they will be refused at the next login. */
  openUsers(): string[] {
    return [...this.open.keys()];
  }

  /**
   * Bounded mode only (`watch`, see docs/watch-alerts.md): keeps at most one incident per user, the
   * latest, and only while that user is deleted or has not logged in since; a user's state is
   * forgotten `forgetMs` (log time) after their deletion or last refusal. Incident indices change
   * (alerts already emitted carry their own copies); nothing else the alerts depend on is dropped.
   */
  prune(forgetMs: number): void {
    if (!this.opts.bounded || !Number.isFinite(this.now)) return;
    const horizon = this.now - forgetMs;
    const stale = (idx: number) => {
      const inc = this.incidents[idx];
      return Date.parse(inc.lastDeniedAt ?? inc.deletedAt) < horizon;
    };
    for (const [user, o] of this.open) if (stale(o.idx)) this.open.delete(user);
    for (const [user, idx] of this.awaitingLogin) if (stale(idx) && this.open.get(user)?.idx !== idx) this.awaitingLogin.delete(user);
    for (const [user, r] of this.recentDeletes) if (this.now - r.t > PAIR_AFTER_MS) this.recentDeletes.delete(user);
    const keep = new Set<number>([...[...this.open.values()].map((o) => o.idx), ...this.awaitingLogin.values(), ...[...this.recentDeletes.values()].map((r) => r.idx)]);
    const remap = new Map<number, number>();
    const kept: Incident[] = [];
    this.incidents.forEach((inc, k) => {
      if (keep.has(k)) remap.set(k, kept.push(inc) - 1);
    });
    this.incidents.length = 0;
    for (const inc of kept) this.incidents.push(inc);
    for (const o of this.open.values()) o.idx = remap.get(o.idx)!;
    for (const [user, idx] of this.awaitingLogin) this.awaitingLogin.set(user, remap.get(idx)!);
    for (const r of this.recentDeletes.values()) r.idx = remap.get(r.idx)!;
  }

  private onStart(ev: Extract<HubEvent, { kind: 'hub-start' }>): void {
    const at = iso(ev.t);
    const merge = ev.marker === 'version' && !this.lastStartHasVersion && ev.t - this.lastStartT <= START_MARKER_GAP_MS;
    if (merge && this.hubStarts.length > 0) {
      this.hubStarts[this.hubStarts.length - 1].version = ev.version;
      this.lastStartHasVersion = true;
      this.findings.onStart(ev.version);
      return;
    }
    if (!at) return;
    this.hubStarts.push({ at, version: ev.version, source: ev.source, line: ev.line });
    this.lastStartT = ev.t;
    this.lastStartHasVersion = ev.version !== null;
    this.cullerAtLastStart = this.cullerTotal;
    // A restart rebuilds the allow list from config: deleted users can log in again.
    const restored = [...this.open.keys()];
    this.open.clear();
    this.refusals.clear();
    this.findings.onStart(ev.version, evidenceOf(ev));
    this.onAlert?.({ kind: 'hub-restarted', at, version: ev.version, restoredUsers: restored, evidence: [evidenceOf(ev)] });
  }

  private onCullLine(ev: HubEvent, user: string, inactive: string | null, byCuller: boolean): void {
    const recent = this.recentDeletes.get(user);
    if (recent && Math.abs(ev.t - recent.t) <= PAIR_BEFORE_MS + 1000) {
      const inc = this.incidents[recent.idx];
      if (inc.inactiveFor === null) inc.inactiveFor = inactive;
      if (byCuller && inc.deletedBy !== 'culler') {
        this.culler.learnName(inc.actor);
        inc.deletedBy = 'culler';
      }
      addEvidence(inc, ev, true);
      return;
    }
    this.pendingCulls.set(user, { t: ev.t, ev, inactive, byCuller });
  }

  private expirePendingCulls(): void {
    for (const [user, p] of this.pendingCulls) if (this.now - p.t > PAIR_AFTER_MS) this.openFromCullLine(user);
  }

  /** No hub DELETE came (yet) for a culler line: the culler line is the deletion. */
  private openFromCullLine(user: string): void {
    const p = this.pendingCulls.get(user);
    if (!p) return;
    this.pendingCulls.delete(user);
    this.openIncident(p.ev, user, p.byCuller ? 'culler' : 'unknown', null, p.inactive, [p.ev]);
  }

  private onDeleted(ev: Extract<HubEvent, { kind: 'user-deleted' }>): void {
    const user = ev.target;
    const pending = this.pendingCulls.get(user);
    let paired: HubEvent | null = null;
    let inactive: string | null = null;
    if (pending && ev.t - pending.t >= -PAIR_BEFORE_MS && ev.t - pending.t <= PAIR_AFTER_MS) {
      this.pendingCulls.delete(user);
      paired = pending.ev;
      inactive = pending.inactive;
    }
    // Whatever its service is called, the sender of a DELETE the culler announced is the culler.
    if (paired && pending?.byCuller) this.culler.learnName(ev.actor);
    let deletedBy = this.culler.classifyActor(ev.actor);
    if (deletedBy === 'unknown' && paired) deletedBy = 'culler';
    this.openIncident(ev, user, deletedBy, ev.actor, inactive, paired ? [paired, ev] : [ev]);
  }

  private openIncident(ev: HubEvent, user: string, deletedBy: Incident['deletedBy'], actor: string | null, inactive: string | null, evidence: HubEvent[]): void {
    const at = iso(ev.t) ?? iso(this.now) ?? NO_TIME;
    const inc: Incident = {
      user: this.strings.get(user), deletedAt: at, deletedBy, actor: this.strings.get(actor), inactiveFor: this.strings.get(inactive), denials: 0, firstDeniedAt: null,
      lastDeniedAt: null, restoredAt: null, evidence: evidence.map(evidenceOf),
    };
    const idx = this.incidents.push(inc) - 1;
    this.open.set(user, { idx });
    this.awaitingLogin.set(user, idx);
    if (this.awaitingLogin.size > 100_000) this.awaitingLogin.delete(this.awaitingLogin.keys().next().value as string);
    this.recentDeletes.set(user, { t: ev.t, idx });
    if (this.recentDeletes.size > 10_000) this.recentDeletes.clear();
    this.findings.onDeleted(user);
    this.onAlert?.({ kind: 'user-deleted', at, user, deletedBy, actor, incident: idx, evidence: inc.evidence });
    if (deletedBy === 'culler') {
      // The first culler deletion after a restart that followed earlier culler deletions.
      if (this.cullerAtLastStart > 0 && this.cullerTotal === this.cullerAtLastStart) {
        this.onAlert?.({ kind: 'recurrence', at, user, restartAt: this.hubStarts[this.segment - 1].at, evidence: inc.evidence });
      }
      this.cullerTotal++;
    }
  }

  private onLogin(ev: HubEvent, user: string): void {
    // The user was deleted before this login even if the hub's DELETE line never came.
    this.openFromCullLine(user);
    const idx = this.awaitingLogin.get(user);
    if (idx !== undefined) {
      const inc = this.incidents[idx];
      inc.restoredAt = iso(ev.t);
      inc.restoredBy = 'login';
      addEvidence(inc, ev, false);
      this.awaitingLogin.delete(user);
    }
    this.open.delete(user);
    this.findings.onLogin(ev, user);
  }

  private onAccess(ev: Extract<HubEvent, { kind: 'access' }>): void {
    if (ev.status === 201 && ev.method === 'POST') {
      const m = /\/api\/users\/([^/]+)$/.exec(ev.path);
      if (m) this.findings.onUserCreated(safeDecodeURIComponent(m[1]));
      return;
    }
    if (ev.status === 302 && ev.user && (ev.path.endsWith('/oauth_callback') || ev.path.endsWith('/login'))) {
      if (this.awaitingLogin.has(ev.user)) this.onLogin(ev, ev.user);
      return;
    }
    const loginPath = ev.path.endsWith('/oauth_callback') || ev.path.endsWith('/login') || ev.path.includes('callback');
    if (ev.status === 403) {
      const match = this.refusals.match(ev, ev.user === null && loginPath);
      this.addDenial(ev, ev.user ?? match.refusal?.user ?? null, match.refusal, match.webMessage);
    } else if (ev.status === 200 && ev.method === 'POST' && ev.path.endsWith('/login') && ev.user === null) {
      // A refused form login (Native/LDAP/PAM/Dummy) is answered 200 with the login page again.
      const match = this.refusals.match(ev, true);
      if (match.refusal && match.refusal.reason !== 'failed') this.addDenial(ev, match.refusal.user, match.refusal, match.webMessage);
    }
  }

  private addDenial(ev: Extract<HubEvent, { kind: 'access' }>, user: string | null, refusal: Refusal | null, webMessage: string | null): void {
    let cause: DenialCause;
    let incident: number | null = null;
    // Refused after the culler announced the deletion: that deletion happened, hub line or not.
    if (user !== null) this.openFromCullLine(user);
    const open = user !== null ? this.open.get(user) : undefined;
    if (webMessage !== null && /xsrf/i.test(webMessage)) cause = 'xsrf';
    else if (refusal?.reason === 'blocked') cause = 'blocked';
    else if (open && (refusal !== null || ev.user !== null)) {
      incident = open.idx;
      const by = this.incidents[open.idx].deletedBy;
      cause = by === 'culler' ? 'deleted-by-culler' : by === 'admin' ? 'deleted-by-admin' : 'unknown';
    } else if (refusal && refusal.reason !== 'failed') cause = 'not-allowed';
    else if (ev.user !== null) cause = 'permission';
    else cause = 'unknown';
    if (ev.user !== null && this.culler.isCullerName(ev.user)) this.findings.cullerRefused(ev);
    if (!this.opts.bounded) this.denials.push(ev.t, user, ev.status, ev.method, ev.path, cause, incident, ev.source, ev.line);
    if (incident !== null) {
      const inc = this.incidents[incident];
      inc.denials++;
      // An incident can be refused thousands of times: its last time is written out once, at the end.
      const eager = inc.denials === 1 || this.onAlert !== undefined || this.opts.bounded === true;
      const at = eager ? iso(ev.t) ?? NO_TIME : '';
      if (eager) inc.lastDeniedAt = at;
      else this.lastDeniedT[incident] = ev.t;
      if (inc.denials === 1) {
        inc.firstDeniedAt = at;
        if (refusal) addEvidence(inc, refusal.ev, false);
        addEvidence(inc, ev, false);
      }
      this.onAlert?.({ kind: 'denied-after-deletion', at, user: inc.user, deletedAt: inc.deletedAt, deletedBy: inc.deletedBy, actor: inc.actor, incident, evidence: [...(refusal ? [evidenceOf(refusal.ev)] : []), evidenceOf(ev)] });
    }
    if (refusal && refusal.reason === 'not-allowed' && incident === null) this.findings.onNotAllowed(refusal.user);
  }
}

function addEvidence(inc: Incident, ev: HubEvent, front: boolean): void {
  if (inc.evidence.length >= MAX_EVIDENCE) return;
  if (inc.evidence.some((e) => e.source === ev.source && e.line === ev.line)) return;
  if (front) inc.evidence.unshift(evidenceOf(ev));
  else inc.evidence.push(evidenceOf(ev));
}
