import type { EnvelopeKind } from '../../src/core/model/events.js';

/** A line with its envelope taken off. */
export interface Unwrapped {
  envelope: EnvelopeKind;
  /** The line inside the envelope. */
  text: string;
  /** The envelope's own time (UTC epoch ms), NaN when it has none. */
  t: number;
  pod?: string;
  container?: string;
  stream?: string;
  /** A piece of a longer line that continues in the next record (CRI `P`, docker without `\n`). */
  partial?: boolean;
}
