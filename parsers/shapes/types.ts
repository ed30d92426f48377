import type { Level, Shape } from '../../src/core/model/events.js';
import type { Zone } from '../../src/core/time.js';

/** A line whose prefix was recognised: the shape, its level and time, and the message after it. */
export interface Prefixed {
  shape: Shape;
  level?: Level;
  /** In-line time resolved to UTC ms (NaN when the shape has no date). */
  t: number;
  logger?: string;
  module?: string;
  msg: string;
  /**
   * The record is one line and that line ran up to a screen's right edge (a k9s row): it may have
   * been cut there. Set by the record assembly, never by a shape.
   */
  cut?: boolean;
}

/** One log-line prefix grammar: registered in ./index.ts, tried in registry order. */
export interface LineShape {
  /** The `shape` values this entry gives its records. */
  readonly ids: readonly Shape[];
  /** Who writes it, for `hubsleuth help formats` and the README. */
  readonly title: string;
  /** The versions it covers. */
  readonly versions: string;
  /** Characters its lines can start with ('' = any): parseShape() asks only the entries that admit a line. */
  readonly starts: string;
  parse(s: string, zone: Zone): Prefixed | null;
  /**
   * Whether an unprefixed line continues this shape's previous record. Every shape's writer
   * indents further lines of a record by 4 spaces (tornado); a shape may accept more.
   */
  continues?(text: string): boolean;
  /**
   * A line no shape claims, right after a record of this shape and in the same stream: the record
   * it is of its own, or null. For writers whose output is followed by lines they did not prefix.
   */
  follows?(text: string): Prefixed | null;
  readonly samples: ReadonlyArray<{ line: string; shape: Shape; level?: Level; t?: string; msg: string }>;
}
