// Deleting users empties the allow list when the last allowed user goes, and on JupyterHub ≤ 4
// (with OAuthenticator ≤ 15) an empty list admits anyone who can authenticate. The allowed users
// are the hub's database users: named at a start (`Adding role user for User: <name>`), created
// since, or seen logging in; a restart rebuilds the list from them. The list is emptied at the
// deletion of the last of them, and open until the next restart. A login that only an empty list
// explains (of a user refused as not allowed since the start) proves it; without the start lines it
// was emptied at the last deletion before that login. (A deleted user's login proves nothing:
// OAuthenticator 16 lets admins in whatever the list holds.)
import type { Evidence } from '../../core/model/report.js';
import type { HubEvent } from '../../core/model/events.js';
import { evidenceOf } from '../evidence.js';
import { loginReason } from '../causes/types.js';
import { defineFinding, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const MAX_EVIDENCE = 8;

interface Emptied {
  at: string;
  /** The user whose deletion emptied the list. */
  last: string;
  users: string[];
  evidence: Evidence[];
  /** A login only an empty list lets through. */
  proven: boolean;
  /** The start lines named the allowed users. */
  fromStart: boolean;
}

interface Deletion {
  user: string;
  at: string;
  line: Evidence;
}

const REMEDIATION = [
  'Restart the hub (`kubectl rollout restart deploy/hub`) to reload the allow list, and stop the idle culler from deleting users (`cull.users: false`).',
  'Review the accounts admitted while the allow list was empty (listed in the `allow-list-emptied` finding): a restart keeps them allowed, because they are in the hub database now; delete those that should not have access through the admin page or the API.',
];

class AllowListEmptied implements FindingObserver<'allow-list-emptied'> {
  // Users in the hub database, as far as the log tells: they are allowed again after a restart.
  private readonly known = new Set<string>();
  // Per hub-start segment (a start rebuilds the list).
  private allowed = new Set<string>();
  private namedAtStart = false;
  private sinceStart = 0;
  private refusedNotAllowed = new Set<string>();
  private lastDeletion: Deletion | null = null;
  private loginsSinceDeletion: Array<{ user: string; ev: HubEvent }> = [];
  private open: Emptied | null = null;
  private readonly all: Emptied[] = [];
  private hubMajor: number | null = null;

  observe(s: StoryStep): void {
    switch (s.kind) {
      case 'hub-start': return this.onStart(s.version);
      case 'user-added':
        this.known.add(s.user);
        if (this.open) return;
        this.allowed.add(s.user);
        // A start names the users it (re)assigns the user role, before anyone logs in.
        if (this.sinceStart === 0) this.namedAtStart = true;
        return;
      case 'user-created':
        // An admin (re)created the user: allowed, and a later login of theirs proves nothing.
        this.known.add(s.user);
        this.refusedNotAllowed.delete(s.user);
        if (!this.open) this.allowed.add(s.user);
        return;
      case 'user-deleted': return this.onDeleted(s);
      case 'refused':
        // Refused by the allow list, deleted before or not: their login later is the list's doing.
        if (loginReason(s.request) === 'not-allowed' && s.request.user !== null) this.refusedNotAllowed.add(s.request.user);
        return;
      case 'login': return this.onLogin(s.ev, s.user);
      default:
    }
  }

  finish(): FindingOf<'allow-list-emptied'>[] {
    // Without the start lines naming the allowed users, only a proof says the list was emptied.
    return this.all.filter((e) => e.proven || (e.fromStart && this.hubMajor !== null && this.hubMajor <= 4)).map((e) => ({
      kind: 'allow-list-emptied', severity: e.proven ? 'critical' : 'warning', at: e.at, users: [...e.users],
      evidence: [...e.evidence], remediation: [...REMEDIATION],
      summary: `The allow list was emptied at ${e.at}, when ${e.last}, the last allowed user, was deleted: `
        + 'JupyterHub ≤ 4 (with OAuthenticator ≤ 15) then admits anyone who can authenticate, until the hub restarts. '
        + (e.users.length === 0 ? 'Nobody logged in while it was empty in these logs.'
          : `Admitted while it was empty: ${e.users.join(', ')}.${e.proven ? '' : ' None of them was refused before: if the hub database held users these logs do not name, the list was not empty.'}`),
    }));
  }

  private onStart(version: string | null): void {
    this.open = null;
    // A start adds every database user to the allow list again.
    this.allowed = new Set(this.known);
    this.namedAtStart = false;
    this.sinceStart = 0;
    this.refusedNotAllowed.clear();
    this.lastDeletion = null;
    this.loginsSinceDeletion = [];
    if (version) this.hubMajor = Number(version.split('.')[0]);
  }

  private onDeleted(s: Extract<StoryStep, { kind: 'user-deleted' }>): void {
    this.sinceStart++;
    this.known.delete(s.user);
    this.lastDeletion = { user: s.user, at: s.at, line: s.line };
    this.loginsSinceDeletion = [];
    if (this.open || !this.allowed.delete(s.user) || this.allowed.size > 0) return;
    if (this.hubMajor !== null && this.hubMajor > 4) return;
    this.openEmptied(this.lastDeletion, false);
  }

  private onLogin(ev: HubEvent, user: string): void {
    this.sinceStart++;
    // Refused as not allowed since the start: only an empty list lets them in.
    const onlyEmpty = this.refusedNotAllowed.has(user);
    if (!this.open && onlyEmpty && this.lastDeletion && (this.hubMajor === null || this.hubMajor <= 4)) {
      this.openEmptied(this.lastDeletion, true);
      for (const l of this.loginsSinceDeletion) this.admit(l.user, l.ev);
    }
    if (this.open) {
      if (onlyEmpty) this.open.proven = true;
      this.admit(user, ev);
    } else {
      this.allowed.add(user);
      this.loginsSinceDeletion.push({ user, ev });
    }
    this.known.add(user);
    this.refusedNotAllowed.delete(user);
  }

  private admit(user: string, ev: HubEvent): void {
    const e = this.open!;
    if (e.users.includes(user)) return;
    e.users.push(user);
    if (e.evidence.length < MAX_EVIDENCE) e.evidence.push(evidenceOf(ev));
  }

  private openEmptied(d: Deletion, proven: boolean): void {
    this.open = { at: d.at, last: d.user, users: [], evidence: [{ ...d.line }], proven, fromStart: this.namedAtStart };
    this.all.push(this.open);
  }
}

export const allowListEmptied = defineFinding({ kind: 'allow-list-emptied', title: 'The allow list was emptied', start: () => new AllowListEmptied() });
