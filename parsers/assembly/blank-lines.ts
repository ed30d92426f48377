// Blank lines. One after a record is held until the next line tells whose it is:
//   - the next line continues the record (a 4-space line): the blank lines are inside it (a
//     multi-line message with an empty line, a header dump pasted double-spaced);
//   - the next line starts a record, exactly one blank line came between, and the record before
//     has continuation lines: it is that record's last line (tornado ends a message that ends in a
//     newline with an indented empty line, and editors strip the spaces) unless the whole paste is
//     double-spaced, where a blank line follows every line anyway;
//   - otherwise they are the paste's, one artefact each.
import type { Unwrapped } from '../envelopes/types.js';

export interface HeldBlank {
  line: number;
  lines: number;
  u: Unwrapped;
  text: string;
}

// Held blank lines after this many are the paste's whatever follows (a file of empty lines).
const MAX_HELD = 64;

export class BlankLines {
  private held: HeldBlank[] = [];
  private lastBlank = -1;
  private pairs = 0;
  private single = false;

  /** Every line, in order: what the paste's spacing is. */
  saw(blank: boolean, line: number): void {
    if (this.single) return;
    if (blank) {
      if (this.lastBlank === line - 1) this.single = true;
      else this.pairs++;
      this.lastBlank = line;
    } else if (line > 1 && this.lastBlank !== line - 1) {
      this.single = true;
    }
  }

  get holding(): boolean {
    return this.held.length > 0;
  }

  hold(b: HeldBlank): void {
    this.held.push(b);
  }

  /** Whether the held blank lines end the record before them (see above), given the line after them. */
  endsRecord(multiLine: boolean, nextStartsRecord: boolean): boolean {
    const doubleSpaced = !this.single && this.pairs >= 2;
    return this.held.length === 1 && multiLine && nextStartsRecord && !doubleSpaced;
  }

  /** The held blank lines, now placed by the caller. */
  release(): HeldBlank[] {
    if (this.held.length === 0) return this.held;
    const out = this.held;
    this.held = [];
    return out;
  }

  /** Too many blank lines to wait for the next one. */
  get full(): boolean {
    return this.held.length >= MAX_HELD;
  }
}
