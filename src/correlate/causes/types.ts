// A refusal cause: how it is recognised in what the correlator knows about one refused request,
// and the words a report uses for it. Registered in ./index.ts, tried in registry order.
import type { HubEvent } from '../../core/model/events.js';
import type { Severity } from '../../core/model/report.js';
import type { IncidentRecord } from '../incidents.js';
import type { Refusal } from '../refusals.js';

/** What the correlator knows about one refused request when it decides its cause. */
export interface RefusedRequest {
  /** Its access line (403, or 200 for a refused form login). */
  readonly access: Extract<HubEvent, { kind: 'access' }>;
  /** Who was refused: the access line's user, else the one the reason line names. */
  readonly user: string | null;
  /** The reason line joined to it: `User 'x' not allowed.`, `… blocked`, `Failed login for x`. */
  readonly reason: Refusal | null;
  /** tornado's `web:` warning for the same request, when one was logged. */
  readonly webMessage: string | null;
  /** The user's open incident: deleted, and not back since (no login, no hub restart). */
  readonly incident: Readonly<IncidentRecord> | null;
  /** The access line names the idle culler: the culler's own request was refused. */
  readonly fromCuller: boolean;
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
}

/** Keeps the literal id, so the registry's id union is derived from its entries. */
export function defineCause<const Id extends string>(cause: Cause<Id>): Cause<Id> {
  return cause;
}
