// What reading the inputs tells about them: per-source counts and the merge's duplicates, skews and late records.
import type { EnvelopeKind, Shape } from './events.js';

/**
 * `lines` = `parsed` (in log records read) + `artifacts` (paste artefacts: prompts, fences, blank
 * lines) + `fragments` (tails of records that began before the input) + `unparsed`.
 */
export interface SourceStats {
  source: string;
  lines: number;
  parsed: number;
  artifacts: number;
  fragments: number;
  unparsed: number;
  first: number;
  last: number;
  envelopes: Partial<Record<EnvelopeKind, number>>;
  shapes: Partial<Record<Shape, number>>;
}

export interface MergeStats {
  duplicates: number;
  /** Largest time difference seen for the same record in two sources, per source pair. */
  skews: Array<{ a: string; b: string; ms: number; line: number }>;
  /** The source pairs that hold a record in common: the two are one hub's log. */
  shared?: Array<{ a: string; b: string }>;
  /** Per source with any: records that came after records later than them by more than the reorder window. */
  late: LateRecords[];
}

export interface LateRecords {
  source: string;
  count: number;
  /** How much later than the latest of them the latest record before it was. */
  maxMs: number;
  /** The source runs newest first and is longer than the records that can be held to sort it. */
  newestFirst: boolean;
  /** The first few, as the report shows evidence. */
  evidence: Array<{ source: string; line: number; text: string }>;
}
