// A verdict: which story explains the refused requests, how sure we are, and what to do. Each is
// one module, tried in the order of ./index.ts; the first that decides is the report's verdict.
import type { CullerSummary, DenialCause, DenialList, Finding, Incident, Seen, Totals, Verdict } from '../../core/model/report.js';

/** What a verdict is decided on: the report's incidents and refusals (narrowed by `--user`). */
export interface VerdictInput {
  readonly incidents: readonly Incident[];
  readonly denials: DenialList;
  readonly culler: CullerSummary;
  readonly findings: readonly Finding[];
  /** What the whole report saw (not narrowed by `--user`). */
  readonly seen: Seen;
  /** How many of the input's lines were understood (decideVerdict lowers the confidence from it). */
  readonly coverage: Totals;
  /** Refused requests with this cause. */
  count(cause: DenialCause): number;
}

export type VerdictBody = Pick<Verdict, 'confidence' | 'summary' | 'remediation'>;

export interface VerdictRule<Id extends string = string> {
  /** Part of the JSON contract (`verdict.rootCause`): add ids, never rename one. */
  readonly id: Id;
  /** A heading sentence: the one title of this verdict in every format. */
  readonly title: string;
  /** This verdict for the input, or null when it does not apply and the next one is tried. */
  decide(v: VerdictInput): VerdictBody | null;
}

/** Keeps the literal id, so the registry's id union is derived from its entries. */
export function defineVerdict<const Id extends string>(rule: VerdictRule<Id>): VerdictRule<Id> {
  return rule;
}
