// Syslog and journalctl print no year. A record's year is the year of the records around it: its
// own in-line date when it has one (a hub line), else that of the nearest record before it that
// has one, else of the first one after it. Across a new year the month tells: a stamp in December
// read next to records of January belongs to the year before.
import type { YearlessStamp } from '../envelopes/types.js';
import type { Zone } from '../../src/core/time.js';

export class Years {
  private year = NaN;
  private month = 0;
  // The month learnt last, as a time range: most records fall in it, and need no date arithmetic.
  private from = NaN;
  private to = NaN;

  constructor(private readonly zone: Zone) {}

  /** Records with an in-line date tell the year. */
  learn(t: number): void {
    if (!Number.isFinite(t) || (t >= this.from && t < this.to)) return;
    const d = new Date(t);
    this.year = d.getUTCFullYear();
    this.month = d.getUTCMonth() + 1;
    this.from = Date.UTC(this.year, this.month - 1, 1);
    this.to = Date.UTC(this.year, this.month, 1);
  }

  get known(): boolean {
    return Number.isFinite(this.year);
  }

  /** The stamp's time in the year learnt last (NaN while none is). */
  date(s: YearlessStamp): number {
    if (!Number.isFinite(this.year)) return NaN;
    const year = s.month - this.month > 6 ? this.year - 1 : this.month - s.month > 6 ? this.year + 1 : this.year;
    const naive = Date.UTC(year, s.month - 1, s.day) + s.ms;
    // 31 February and the like: no time rather than a wrong one.
    return new Date(naive).getUTCDate() === s.day ? this.zone(naive) : NaN;
  }
}
