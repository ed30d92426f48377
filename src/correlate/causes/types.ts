// A refusal cause: how it is recognised in what the correlator knows about one refused request,
// and the words a report uses for it. Registered in ./index.ts, tried in registry order.
import type { HubEvent, RefusalReason, RequestReason } from '../../core/model/events.js';
import type { Attribution, Component, Severity } from '../../core/model/report.js';
import type { IncidentRecord } from '../incidents.js';
import type { Trace } from '../refusals.js';

/** What the correlator knows about one refused request when it decides its cause. */
export interface RefusedRequest {
  /** Its access line (a 403, or the 200 of a refused form login), when the input has it. */
  readonly access: Extract<HubEvent, { kind: 'access' }> | null;
  /** Its other lines, in log order: reason lines, tornado's `web:` warning, a client's error. */
  readonly traces: readonly Trace[];
  /** The request as its lines tell it; null when none of them does. */
  readonly status: number | null;
  readonly method: string | null;
  readonly path: string | null;
  /** Who was refused, and where the log says so. */
  readonly user: string | null;
  readonly attributedBy: Attribution | null;
  /** Whose line the refusal is counted from (its access line, else its first trace). */
  readonly component: Component;
  /** tornado's `web:` message for the request, when one was logged. */
  readonly webMessage: string | null;
  /** The user's open incident: deleted, and not back since (no login, no hub restart). */
  readonly incident: Readonly<IncidentRecord> | null;
  /** The idle culler's own request. */
  readonly fromCuller: boolean;
}

/** The strongest login refusal among its lines (a core `blocked` over a provider's domain check). */
export function loginReason(r: RefusedRequest): RefusalReason | null {
  let best: RefusalReason | null = null;
  for (const t of r.traces) {
    if (t.ev.kind !== 'login-refused') continue;
    if (t.ev.reason === 'blocked') return 'blocked';
    if (best === null || t.ev.reason === 'not-in-group') best = t.ev.reason;
  }
  return best;
}

/** Whether a reason line of the request says this. */
export function says(r: RefusedRequest, ...reasons: RequestReason[]): boolean {
  return r.traces.some((t) => t.ev.kind === 'request-refused' && reasons.includes(t.ev.reason));
}

/** A `Failed login for …` or an authenticator's password failure is among its lines. */
export function failedLogin(r: RefusedRequest): boolean {
  return r.traces.some((t) => t.ev.kind === 'login-failed');
}

export interface Cause<Id extends string = string> {
  /** Part of the JSON contract (`denials[].cause`): add ids, never rename one. */
  readonly id: Id;
  /** Whether this cause explains the request. The first entry of the registry that does wins. */
  recognise(r: RefusedRequest): boolean;
  /**
   * A refusal with this cause counts in its user's open incident. Causes that explain a refusal
   * by something other than the deletion (a stale XSRF token, a block list) leave it out.
   */
  readonly joinsIncident: boolean;
  readonly title: string;
  /** Why such a request is refused, in a sentence or two. */
  readonly explanation: string;
  /** Steps to take, as our own Markdown (code spans); never log text. */
  readonly remediation: readonly string[];
  readonly severity: Severity;
  /** For a cause that is the absence of one: the line that would have explained the request, had the input kept it. */
  missing?(r: RefusedRequest): string;
  /**
   * The title of the verdict when this cause explains most refusals and no deletion does (a
   * heading sentence, the same in every format).
   */
  readonly story: { readonly title: string };
}

/** Keeps the literal id, so the registry's id union is derived from its entries. */
export function defineCause<const Id extends string>(cause: Cause<Id>): Cause<Id> {
  return cause;
}
