// Which refused login does an access line belong to? An anonymous `403 GET /hub/oauth_callback`
// names nobody; the `User 'x' not allowed.` line of the same request came just before it, within
// the request's own duration. Several refused logins can be in flight at once: the earliest
// unclaimed refusal in the window goes to the earliest access line (first in, first out).
import type { HubEvent, RefusalReason } from '../events.js';

export interface Refusal {
  user: string;
  reason: RefusalReason | 'failed';
  t: number;
  ev: HubEvent;
  claimed: boolean;
}

interface WebError {
  status: number;
  method: string;
  path: string;
  ip: string;
  message: string;
  t: number;
  claimed: boolean;
}

// Slack around the request window: log lines of one request are written within a few ms.
const SLACK_BEFORE_MS = 1_000;
const SLACK_AFTER_MS = 50;
const KEEP_MS = 5 * 60_000;

export class RefusalMatcher {
  private refusals: Refusal[] = [];
  private webErrors: WebError[] = [];

  addRefusal(ev: Extract<HubEvent, { kind: 'login-refused' }>): void {
    this.prune(ev.t);
    this.refusals.push({ user: ev.user, reason: ev.reason, t: ev.t, ev, claimed: false });
  }

  /** `Failed login for <name>` follows the refusal of a form login; alone, it is a wrong password. */
  addFailed(ev: Extract<HubEvent, { kind: 'login-failed' }>): void {
    if (ev.user === null) return;
    const same = this.refusals.find((r) => !r.claimed && r.user === ev.user && Math.abs(ev.t - r.t) <= SLACK_BEFORE_MS);
    if (!same) this.refusals.push({ user: ev.user, reason: 'failed', t: ev.t, ev, claimed: false });
  }

  addHttpError(ev: Extract<HubEvent, { kind: 'http-error' }>): void {
    this.prune(ev.t);
    this.webErrors.push({ status: ev.status, method: ev.method, path: ev.path, ip: ev.ip, message: ev.message, t: ev.t, claimed: false });
  }

  /** Claims the refusal and the tornado error line that belong to this access line. */
  match(a: Extract<HubEvent, { kind: 'access' }>, useRefusal: boolean): { refusal: Refusal | null; webMessage: string | null } {
    const from = a.t - a.durationMs - SLACK_BEFORE_MS;
    const to = a.t + SLACK_AFTER_MS;
    const web = this.webErrors.find((w) => !w.claimed && w.t >= from && w.t <= to && w.status === a.status && w.method === a.method && w.path === a.path && (w.ip === a.ip || w.ip === ''));
    if (web) web.claimed = true;
    let refusal: Refusal | null = null;
    if (useRefusal && !(web && /xsrf/i.test(web.message))) {
      refusal = this.refusals.find((r) => !r.claimed && r.t >= from && r.t <= to) ?? null;
      if (refusal) refusal.claimed = true;
    }
    return { refusal, webMessage: web ? web.message : null };
  }

  clear(): void {
    this.refusals = [];
    this.webErrors = [];
  }

  private prune(now: number): void {
    if (this.refusals.length > 64) this.refusals = this.refusals.filter((r) => !r.claimed && now - r.t <= KEEP_MS);
    if (this.webErrors.length > 64) this.webErrors = this.webErrors.filter((w) => !w.claimed && now - w.t <= KEEP_MS);
  }
}
