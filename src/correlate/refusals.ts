// Which refused login does an access line belong to? An anonymous `403 GET /hub/oauth_callback`
// names nobody; the `User 'x' not allowed.` line of the same request came just before it, within
// the request's own duration. Several refused logins can be in flight at once: of the unclaimed
// refusals logged while this request ran, the earliest goes to it (first in, first out); one logged
// before the request began belongs to another request, however close it is.
import type { HubEvent, RefusalReason } from '../core/model/events.js';

export interface Refusal {
  user: string;
  reason: RefusalReason | 'failed';
  t: number;
  /** The time written in the line (the hub's own clock), NaN when none. */
  lt: number;
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
  lt: number;
  claimed: boolean;
}

// The request window is [access time - duration, access time]. On the hub's own clock both ends and
// the refusal are truncated to the millisecond, hence a 2 ms slack. Envelope times (kubelet, Loki…)
// add a collector delay that differs from line to line, so without in-line times allow more.
const LINE_SLACK_MS = 2;
const ENVELOPE_SLACK_BEFORE_MS = 1_000;
const SLACK_AFTER_MS = 50;
const KEEP_MS = 5 * 60_000;

export class RefusalMatcher {
  private refusals: Refusal[] = [];
  private webErrors: WebError[] = [];

  addRefusal(ev: Extract<HubEvent, { kind: 'login-refused' }>): void {
    this.prune(ev.t);
    this.refusals.push({ user: ev.user, reason: ev.reason, t: ev.t, lt: ev.lt, ev, claimed: false });
  }

  /** `Failed login for <name>` follows the refusal of a form login; alone, it is a wrong password. */
  addFailed(ev: Extract<HubEvent, { kind: 'login-failed' }>): void {
    if (ev.user === null) return;
    const same = this.refusals.find((r) => !r.claimed && r.user === ev.user && Math.abs(ev.t - r.t) <= ENVELOPE_SLACK_BEFORE_MS);
    if (!same) this.refusals.push({ user: ev.user, reason: 'failed', t: ev.t, lt: ev.lt, ev, claimed: false });
  }

  addHttpError(ev: Extract<HubEvent, { kind: 'http-error' }>): void {
    this.prune(ev.t);
    this.webErrors.push({ status: ev.status, method: ev.method, path: ev.path, ip: ev.ip, message: ev.message, t: ev.t, lt: ev.lt, claimed: false });
  }

  /** Claims the refusal and the tornado error line that belong to this access line. */
  match(a: Extract<HubEvent, { kind: 'access' }>, useRefusal: boolean): { refusal: Refusal | null; webMessage: string | null } {
    const during = (x: { t: number; lt: number }): boolean => {
      const line = Number.isFinite(x.lt) && Number.isFinite(a.lt);
      const [at, end] = line ? [x.lt, a.lt] : [x.t, a.t];
      return at >= end - a.durationMs - (line ? LINE_SLACK_MS : ENVELOPE_SLACK_BEFORE_MS) && at <= end + SLACK_AFTER_MS;
    };
    const web = this.webErrors.find((w) => !w.claimed && during(w) && w.status === a.status && w.method === a.method && w.path === a.path && (w.ip === a.ip || w.ip === ''));
    if (web) web.claimed = true;
    let refusal: Refusal | null = null;
    if (useRefusal && !(web && /xsrf/i.test(web.message))) {
      refusal = this.refusals.find((r) => !r.claimed && during(r)) ?? null;
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
