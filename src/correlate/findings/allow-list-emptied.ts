// Deleting users empties the allow list when the last allowed user goes; an empty list admits
// anyone who can authenticate. Proven when a user refused as not allowed logs in after deletions
// without a restart; suspected (JupyterHub ≤ 4) when a first-time user logs in once everyone seen
// so far was deleted.
import type { Evidence } from '../../core/model/report.js';
import type { HubEvent } from '../../core/model/events.js';
import { iso } from '../../core/time.js';
import { evidenceOf } from '../evidence.js';
import { loginReason } from '../causes/types.js';
import { defineFinding, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const MAX_EVIDENCE = 8;

interface Emptied {
  at: string;
  users: string[];
  evidence: Evidence[];
  certain: boolean;
}

class AllowListEmptied implements FindingObserver<'allow-list-emptied'> {
  // Per hub-start segment (a start reloads the list): who logged in, who was deleted, who was
  // refused as not allowed.
  private loggedIn = new Set<string>();
  private deleted = new Set<string>();
  private refusedNotAllowed = new Set<string>();
  private deletions = 0;
  private open: Emptied | null = null;
  private readonly all: Emptied[] = [];
  private hubMajor: number | null = null;

  observe(s: StoryStep): void {
    switch (s.kind) {
      case 'hub-start': return this.onStart(s.version);
      case 'user-deleted':
        this.deleted.add(s.user);
        this.deletions++;
        return;
      case 'refused':
        if (loginReason(s.request) === 'not-allowed' && s.incident === null && s.request.user !== null) this.refusedNotAllowed.add(s.request.user);
        return;
      case 'user-created':
        // A later login of a user an admin re-created proves nothing about the list.
        this.refusedNotAllowed.delete(s.user);
        this.deleted.delete(s.user);
        return;
      case 'login': return this.onLogin(s.ev, s.user);
      default:
    }
  }

  finish(): FindingOf<'allow-list-emptied'>[] {
    return this.all.map((e) => ({
      kind: 'allow-list-emptied', severity: e.certain ? 'critical' : 'warning', at: e.at, users: [...e.users], evidence: [...e.evidence],
      summary: e.certain
        ? `After user deletions, ${e.users[0]}, refused earlier as not allowed, logged in without a hub restart: every allowed user was deleted and the empty allow list admits anyone who can authenticate. Admitted while it was empty: ${e.users.join(', ')}. They are now in the hub database and a restart keeps them allowed; remove them through the admin page or the API.`
        : `Every user seen in this log had been deleted when ${e.users.join(', ')} logged in for the first time: the allow list may be empty, which admits anyone who can authenticate (JupyterHub ≤ 4). Check these accounts; a restart keeps them allowed.`,
    }));
  }

  private onStart(version: string | null): void {
    this.loggedIn.clear();
    this.deleted.clear();
    this.refusedNotAllowed.clear();
    this.deletions = 0;
    this.open = null;
    if (version) this.hubMajor = Number(version.split('.')[0]);
  }

  private onLogin(ev: HubEvent, user: string): void {
    const wasRefused = this.refusedNotAllowed.has(user) || (this.deleted.has(user) && this.deletions > 0);
    const seenBefore = this.loggedIn.has(user) || this.deleted.has(user);
    const allSeenDeleted = this.loggedIn.size > 0 && [...this.loggedIn].every((u) => this.deleted.has(u));
    // On JupyterHub ≤ 4 (with OAuthenticator ≤ 15) an empty allow list lets any authenticated user in.
    const oldHub = this.hubMajor === null || this.hubMajor <= 4;
    if (this.open) {
      if (!this.open.users.includes(user) && (wasRefused || !seenBefore)) {
        this.open.users.push(user);
        if (this.open.evidence.length < MAX_EVIDENCE) this.open.evidence.push(evidenceOf(ev));
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
    this.open = { at: iso(ev.t) ?? '', users: [user], evidence: [evidenceOf(ev)], certain };
    this.all.push(this.open);
  }
}

export const allowListEmptied = defineFinding({ kind: 'allow-list-emptied', start: () => new AllowListEmptied() });
