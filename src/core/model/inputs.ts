// What reading the inputs tells about them: per-source counts and the merge's duplicates and skews.
import type { EnvelopeKind, Shape } from './events.js';

export interface SourceStats {
  source: string;
  lines: number;
  parsed: number;
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
}
