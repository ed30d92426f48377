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

/** What a sample line must unwrap to. */
export interface EnvelopeSample {
  line: string;
  envelope: EnvelopeKind;
  text: string;
  /** The envelope's time as ISO, when it has one. */
  t?: string;
}

/** One way a line arrives: registered in ./index.ts, tried in registry order. */
export interface Envelope {
  /** The `envelope` values this entry gives its lines. */
  readonly ids: readonly EnvelopeKind[];
  /** What produces it, for `hubsleuth help formats` and the README. */
  readonly title: string;
  /**
   * Characters a line of this envelope can start with: `unwrap()` asks an entry only about lines
   * that start with one of them ('' = any line), so the common lines pay for few checks.
   */
  readonly starts: string;
  unwrap(line: string): Unwrapped | null;
  readonly samples: readonly EnvelopeSample[];
}

/** One JSON export shape (one object per record), registered in ./json/index.ts. */
export interface JsonExport {
  readonly id: EnvelopeKind;
  readonly title: string;
  /** The record inside the object, or null when the object is not of this export. */
  unwrap(o: Record<string, unknown>): Unwrapped | null;
  readonly samples: readonly EnvelopeSample[];
}

export const DIGITS = '0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
