// One source's records in time order, with memory bounded in log time and in records. Lines of one
// source may be slightly out of order (two processes writing to one pipe, a culler line with whole
// seconds): a window of log time is held back and sorted before it is passed on. A record older
// than what the window already passed on is late: it is passed on at once, where it came (the
// earliest place still open), and counted, never a reason to hold the rest of the input back.
import type { HubEvent } from '../core/model/events.js';
import type { LateRecords, MergeStats } from '../core/model/inputs.js';

export interface ReorderLimits {
  /** Records within this much log time of the latest one seen are held back and sorted. */
  ms: number;
  /**
   * At most this many are held, however many share one moment (a clock that repeats). Records that
   * stay a while in the window outlive the young generation, and the old one then fills with them
   * faster than it is collected: on ten million lines with a stuck clock, holding 10,000 peaked at
   * 257 MB of RSS, 1,000 at 170 MB. A clean log holds far fewer (only the records the correlator
   * needs are held, a few seconds' worth).
   */
  records: number;
  /** A source written newest first is held whole up to this many records (nothing passes until its end). */
  newestFirst: number;
}

const REORDER_LIMITS: ReorderLimits = { ms: 5_000, records: 1_000, newestFirst: 100_000 };

/** Late records kept as evidence, per source. */
const LATE_EVIDENCE = 3;

// Which way a source's times run is decided once it has this many steps and spans more than the window.
const DIRECTION_STEPS = 16;

/**
 * Exports are not always oldest-first (`logcli query` without `--forward`, `gcloud logging read`
 * return newest first): a source whose times mostly go backwards is held whole, up to the `newestFirst`
 * limit, and sorted at its end. One that is longer is passed on sorted as far as it was held, and
 * the rest counts as late.
 */
class ReorderWindow {
  private held: HubEvent[] = [];
  private keys: number[] = [];
  private sorted = true;
  /** The time of the last timed record, in source order: an untimed record goes with it. */
  private prevKey = -Infinity;
  private firstKey = NaN;
  private minKey = Infinity;
  private maxKey = -Infinity;
  private up = 0;
  private down = 0;
  /** 0 until decided; 1 oldest first, -1 newest first. */
  private direction: 0 | 1 | -1 = 0;
  /** The key of the last record passed on from the window: anything older is late. */
  private watermark = -Infinity;
  private lastLate = false;
  private late: LateRecords | null = null;

  constructor(private readonly stats: MergeStats, private readonly limits: ReorderLimits = REORDER_LIMITS) {}

  /** The events of one batch that can be passed on now, in the order to pass them on. */
  push(batch: readonly HubEvent[]): HubEvent[] {
    const out: HubEvent[] = [];
    for (const ev of batch) {
      if (!Number.isFinite(ev.t)) {
        if (this.lastLate) out.push(ev);
        else this.hold(ev, this.prevKey);
        continue;
      }
      const key = ev.t;
      if (Number.isNaN(this.firstKey)) this.firstKey = key;
      else if (key > this.prevKey) this.up++;
      else if (key < this.prevKey) this.down++;
      this.prevKey = key;
      if (key < this.minKey) this.minKey = key;
      if (key > this.maxKey) this.maxKey = key;
      this.lastLate = key < this.watermark;
      if (this.lastLate) {
        this.noteLate(ev, key);
        out.push(ev);
      } else {
        this.hold(ev, key);
      }
    }
    this.release(out);
    return out;
  }

  /** The end of the source: everything still held, sorted. */
  end(): HubEvent[] {
    const out: HubEvent[] = [];
    this.pass(this.held.length, out);
    return out;
  }

  private hold(ev: HubEvent, key: number): void {
    if (this.sorted && this.keys.length > 0 && key < this.keys[this.keys.length - 1]) this.sorted = false;
    this.held.push(ev);
    this.keys.push(key);
  }

  private release(out: HubEvent[]): void {
    const { ms, records, newestFirst } = this.limits;
    const n = this.held.length;
    if (this.direction === 0) {
      const spans = this.maxKey - this.firstKey > ms || this.firstKey - this.minKey > ms;
      if (!(spans && this.up + this.down >= DIRECTION_STEPS) && n < records) return;
      this.direction = this.down > this.up ? -1 : 1;
    }
    if (this.direction < 0) {
      if (n >= newestFirst) this.pass(n, out);
      return;
    }
    this.sort();
    // Everything more than the window older than the latest record, and the oldest beyond the limit.
    let cut = firstAbove(this.keys, this.maxKey - ms);
    if (n - cut > records) cut = n - records;
    this.pass(cut, out);
  }

  /** Passes on the `count` oldest held records. */
  private pass(count: number, out: HubEvent[]): void {
    if (count === 0) return;
    this.sort();
    const k = this.keys[count - 1];
    if (k > this.watermark) this.watermark = k;
    for (let i = 0; i < count; i++) out.push(this.held[i]);
    // In place: a copy of what stays per batch would be garbage of up to the whole window each time.
    this.held.copyWithin(0, count);
    this.held.length -= count;
    this.keys.copyWithin(0, count);
    this.keys.length -= count;
  }

  /** A stable sort of the held records by key (equal times keep their source order). */
  private sort(): void {
    if (this.sorted) return;
    const keys = this.keys;
    const idx = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
    this.held = idx.map((i) => this.held[i]);
    this.keys = idx.map((i) => keys[i]);
    this.sorted = true;
  }

  private noteLate(ev: HubEvent, key: number): void {
    let late = this.late;
    if (!late) {
      late = this.late = { source: ev.source, count: 0, maxMs: 0, newestFirst: this.direction < 0, evidence: [] };
      this.stats.late.push(late);
    }
    late.count++;
    if (this.maxKey - key > late.maxMs) late.maxMs = this.maxKey - key;
    if (late.evidence.length < LATE_EVIDENCE) late.evidence.push({ source: ev.source, line: ev.line, text: ev.raw });
  }
}

/** The first index whose key is above `k` (keys ascending). */
function firstAbove(keys: readonly number[], k: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One source's batches in time order (see ReorderWindow); late records are counted in `stats.late`. */
export async function* inTimeOrder(batches: AsyncIterable<HubEvent[]>, stats: MergeStats, limits: ReorderLimits = REORDER_LIMITS): AsyncGenerator<HubEvent[]> {
  const window = new ReorderWindow(stats, limits);
  for await (const batch of batches) {
    const out = window.push(batch);
    if (out.length > 0) yield out;
  }
  const out = window.end();
  if (out.length > 0) yield out;
}
