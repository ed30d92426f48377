// Several sources → one stream in time order (k-way, stable: equal times keep source order, and
// within a source line order always wins). Records that another source already delivered
// (overlapping dumps, a file and its rotated copy) are dropped and counted.
import type { HubEvent } from '../core/model/events.js';
import type { MergeStats } from '../core/model/inputs.js';


interface Head {
  idx: number;
  source: AsyncIterable<HubEvent[]>;
  /** Null until the source is opened. */
  it: AsyncIterator<HubEvent[]> | null;
  /** No record of the source is earlier than this (-Infinity: unknown, open it at once). */
  startAt: number;
  buf: HubEvent[];
  pos: number;
  lastT: number;
  done: boolean;
}

// Identical records more than this far apart in time are distinct events, not copies.
const DEDUP_WINDOW_MS = 10 * 60 * 1000;

/**
 * `startAt[i]`, when known, is the earliest time in source i (first-time.ts): a source is opened
 * only when the merged stream comes within the de-duplication window of it, so that a folder of
 * rotated logs is read a file or two at a time instead of all files at once.
 */
export async function* mergeByTime(sources: AsyncIterable<HubEvent[]>[], stats: MergeStats, startAt: number[] = []): AsyncGenerator<HubEvent[]> {
  if (sources.length === 1) {
    yield* sources[0];
    return;
  }
  const heads: Head[] = sources.map((source, idx) => ({ idx, source, it: null, startAt: startAt[idx] ?? -Infinity, buf: [], pos: 0, lastT: -Infinity, done: false }));
  // Not opened yet, latest first (the next to open is at the end).
  const waiting = heads.filter((h) => h.startAt > -Infinity).sort((a, b) => b.startAt - a.startAt || b.idx - a.idx);
  // Opened and not finished, in source order (equal times go to the first): the only heads each
  // event looks at, however many inputs a folder holds.
  const active: Head[] = [];
  const seen = new SeenTable();
  let out: HubEvent[] = [];
  const fill = async (h: Head) => {
    if (!h.it) {
      h.it = h.source[Symbol.asyncIterator]();
      const at = active.findIndex((a) => a.idx > h.idx);
      active.splice(at < 0 ? active.length : at, 0, h);
    }
    while (!h.done && h.pos >= h.buf.length) {
      const r = await h.it.next();
      if (r.done) h.done = true;
      else {
        h.buf = r.value;
        h.pos = 0;
      }
    }
    if (h.done && h.pos >= h.buf.length) active.splice(active.indexOf(h), 1);
  };
  const sortT = (h: Head) => {
    const t = h.buf[h.pos].t;
    return Number.isFinite(t) ? t : h.lastT;
  };
  // Could another source still deliver a copy of a record at time t? Not when each of them is
  // done or already past the window (a source's events come in time order).
  // (A source not opened yet starts more than the window after t: see below.)
  let best: Head | null = null;
  let bestT = Infinity;
  const copyPossible = () => {
    for (const h of active) if (h !== best && h.pos < h.buf.length && !(sortT(h) > bestT + DEDUP_WINDOW_MS)) return true;
    return false;
  };
  await Promise.all(heads.filter((h) => h.startAt === -Infinity).map(fill));
  for (;;) {
    best = null;
    bestT = Infinity;
    for (const h of active) {
      if (h.pos >= h.buf.length) continue;
      const t = sortT(h);
      if (best === null || t < bestT) {
        best = h;
        bestT = t;
      }
    }
    // Open the sources that begin within the window of what comes next, then choose again. Lines
    // before a source's first time (a z2jh start banner) count as at that time.
    const next = waiting[waiting.length - 1];
    const frontier = bestT > -Infinity ? bestT : best ? best.startAt : Infinity;
    if (next && next.startAt - DEDUP_WINDOW_MS <= frontier) {
      waiting.pop();
      await fill(next);
      continue;
    }
    if (!best) break;
    const ev = best.buf[best.pos++];
    best.lastT = bestT;
    seen.evictBefore(bestT - DEDUP_WINDOW_MS);
    if (!seen.isDuplicate(ev, best.idx, bestT, stats, copyPossible)) out.push(ev);
    if (best.pos >= best.buf.length) {
      if (out.length > 0) {
        yield out;
        out = [];
      }
      await fill(best);
    }
  }
  if (out.length > 0) yield out;
}

interface Seen {
  src: number;
  /** Envelope time (0 when none): for clock skew. */
  t: number;
  /** Merge time, for eviction. */
  at: number;
  key: number;
  source: string;
  kind: HubEvent['kind'];
  level: HubEvent['level'];
  // Two 32-bit hashes of the text, not the text: keeping every record's line for ten minutes
  // of log time moved each of them to the old generation (~100 MB per 280k records).
  h1: number;
  h2: number;
  /** The next older record with the same key. */
  next: Seen | null;
}

let H1 = 0;
let H2 = 0;

/** FNV-1a and a multiply-xorshift hash of `s`, together 64 bits (into H1, H2). */
function hashText(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  H1 = a >>> 0;
  H2 = b >>> 0;
}

// At most this many records are remembered (~25 MB), however many a window of log time holds: a
// clock that repeats keeps every record in one window. A copy of an older one is then kept twice.
const MAX_SEEN = 250_000;

// Records are found by their own time and 12 bits of the hash of their text, so that many records
// written in one millisecond (or one second, for the culler's whole-second times) are not compared
// with each other. The key stays an exact integer for times until 2039; beyond, neighbouring keys
// may share a bucket, which costs a comparison, never a wrong answer.
const bucketKey = (time: number, h: number) => time * 4096 + (h & 4095);

/**
 * The records of the last DEDUP_WINDOW_MS, keyed by the record's own time: only records written in
 * the same millisecond are compared, by kind, level and text (two hashes, 64 bits: for two
 * different texts of one millisecond to collide is a chance of 1 in 10^19).
 */
class SeenTable {
  private readonly byKey = new Map<number, Seen>();
  private queue: Seen[] = [];
  private head = 0;

  /** `copyPossible` says whether to remember the record (asked only when it is not a copy itself). */
  isDuplicate(ev: HubEvent, src: number, at: number, stats: MergeStats, copyPossible: () => boolean): boolean {
    if (ev.kind === 'unparsed' && ev.text.trim() === '') return false;
    if (this.head === this.queue.length && !copyPossible()) return false;
    hashText(ev.text);
    const key = bucketKey(Number.isFinite(ev.lt) ? ev.lt : Number.isFinite(ev.t) ? ev.t : -1, H1);
    const first = this.byKey.get(key);
    if (!first && !copyPossible()) return false;
    let prev: Seen | null = null;
    for (let p = first ?? null; p; p = p.next) {
      if (p.h1 === H1 && p.h2 === H2 && p.kind === ev.kind && p.level === ev.level) prev = p;
    }
    const t = Number.isFinite(ev.t) ? ev.t : 0;
    if (prev && prev.src !== src) {
      stats.duplicates++;
      const a = prev.source;
      const shared = (stats.shared ??= []);
      if (!shared.some((s) => s.a === a && s.b === ev.source)) shared.push({ a, b: ev.source });
      const skew = t - prev.t;
      if (Math.abs(skew) >= 1000) {
        const pair = stats.skews.find((s) => s.a === a && s.b === ev.source);
        if (!pair) stats.skews.push({ a, b: ev.source, ms: skew, line: ev.line });
        else if (Math.abs(skew) > Math.abs(pair.ms)) pair.ms = skew;
      }
      return true;
    }
    if (prev || (first && !copyPossible())) return false;
    const entry: Seen = { src, t, at, key, source: ev.source, kind: ev.kind, level: ev.level, h1: H1, h2: H2, next: first ?? null };
    this.byKey.set(key, entry);
    this.queue.push(entry);
    if (this.queue.length - this.head > MAX_SEEN) this.evictOldest();
    return false;
  }

  /** Forgets records merged before `at` (records are added in merge order, so oldest first). */
  evictBefore(at: number): void {
    while (this.head < this.queue.length && this.queue[this.head].at < at) this.evictOldest();
  }

  private evictOldest(): void {
    const q = this.queue;
    const old = q[this.head++];
    // The oldest record of its key is the last of its chain.
    let p: Seen | null | undefined = this.byKey.get(old.key);
    if (p === old) this.byKey.delete(old.key);
    else {
      while (p && p.next !== old) p = p.next;
      if (p) p.next = null;
    }
    if (this.head > 4096 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Puts one source's events in time order. Exports are not always oldest-first (`gcloud logging read`
 * and `logcli query` return newest first): a stable sort, where a record without a time keeps the
 * time of the record before it, so continuations and untimed lines stay next to their neighbours.
 */
export function sortByTime(events: HubEvent[]): HubEvent[] {
  let last = -Infinity;
  let sorted = true;
  const keys = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const t = events[i].t;
    if (Number.isFinite(t)) last = t;
    keys[i] = last;
    if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
  }
  if (sorted) return events;
  const idx = Array.from(events.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
  return idx.map((i) => events[i]);
}
