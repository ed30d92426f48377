// Several sources → one stream in time order (k-way, stable: equal times keep source order, and
// within a source line order always wins). Records that another source already delivered
// (overlapping dumps, a file and its rotated copy) are dropped and counted.
import type { HubEvent } from '../events.js';

export interface MergeStats {
  duplicates: number;
  /** Largest time difference seen for the same record in two sources, per source pair. */
  skews: Array<{ a: string; b: string; ms: number; line: number }>;
}

interface Head {
  idx: number;
  it: AsyncIterator<HubEvent[]>;
  buf: HubEvent[];
  pos: number;
  lastT: number;
  done: boolean;
}

// Identical records more than this far apart in time are distinct events, not copies.
const DEDUP_WINDOW_MS = 10 * 60 * 1000;

export async function* mergeByTime(sources: AsyncIterable<HubEvent[]>[], stats: MergeStats): AsyncGenerator<HubEvent[]> {
  if (sources.length === 1) {
    yield* sources[0];
    return;
  }
  const heads: Head[] = sources.map((s, idx) => ({ idx, it: s[Symbol.asyncIterator](), buf: [], pos: 0, lastT: -Infinity, done: false }));
  const seen: SeenTable = new Map();
  let out: HubEvent[] = [];
  const fill = async (h: Head) => {
    while (!h.done && h.pos >= h.buf.length) {
      const r = await h.it.next();
      if (r.done) h.done = true;
      else {
        h.buf = r.value;
        h.pos = 0;
      }
    }
  };
  const sortT = (h: Head) => {
    const t = h.buf[h.pos].t;
    return Number.isFinite(t) ? t : h.lastT;
  };
  await Promise.all(heads.map(fill));
  let evictAt = -Infinity;
  for (;;) {
    let best: Head | null = null;
    let bestT = Infinity;
    for (const h of heads) {
      if (h.pos >= h.buf.length) continue;
      const t = sortT(h);
      if (best === null || t < bestT) {
        best = h;
        bestT = t;
      }
    }
    if (!best) break;
    const ev = best.buf[best.pos++];
    best.lastT = bestT;
    if (!isDuplicate(ev, best.idx, seen, stats)) out.push(ev);
    if (bestT - evictAt > DEDUP_WINDOW_MS) {
      for (const [k, v] of seen) if (v[v.length - 1].t < bestT - DEDUP_WINDOW_MS) seen.delete(k);
      evictAt = bestT;
    }
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
  t: number;
  source: string;
  kind: HubEvent['kind'];
  level: HubEvent['level'];
  text: string;
}

// Keyed by the record's own time (a number): only records written in the same millisecond are
// compared by text, so no key string is built per event.
type SeenTable = Map<number, Seen[]>;

function isDuplicate(ev: HubEvent, src: number, seen: SeenTable, stats: MergeStats): boolean {
  if (ev.kind === 'unparsed' && ev.text.trim() === '') return false;
  const key = Number.isFinite(ev.lt) ? ev.lt : Number.isFinite(ev.t) ? ev.t : -1;
  const t = Number.isFinite(ev.t) ? ev.t : 0;
  let same = seen.get(key);
  const prev = same?.find((p) => p.kind === ev.kind && p.level === ev.level && p.text === ev.text);
  if (prev && prev.src !== src) {
    stats.duplicates++;
    const skew = t - prev.t;
    if (Math.abs(skew) >= 1000) {
      const pair = stats.skews.find((s) => s.a === prev.source && s.b === ev.source);
      if (!pair) stats.skews.push({ a: prev.source, b: ev.source, ms: skew, line: ev.line });
      else if (Math.abs(skew) > Math.abs(pair.ms)) pair.ms = skew;
    }
    return true;
  }
  if (prev) return false;
  if (!same) seen.set(key, (same = []));
  same.push({ src, t, source: ev.source, kind: ev.kind, level: ev.level, text: ev.text });
  return false;
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

// Lines of one source may be slightly out of order (two processes writing to one pipe, a culler
// line with whole seconds): a window of log time is held back and sorted before it is passed on.
const REORDER_WINDOW_MS = 5_000;

/**
 * One source's batches in time order with bounded memory: events pass through a reorder window
 * while the source is (nearly) in order. A source that goes back further than the window
 * (an export written newest-first) is held from that point and sorted at its end.
 */
export async function* inTimeOrder(batches: AsyncIterable<HubEvent[]>): AsyncGenerator<HubEvent[]> {
  let held: HubEvent[] = [];
  let lastT = -Infinity;
  let emitted = -Infinity;
  let maxT = -Infinity;
  let backwards = false;
  for await (const batch of batches) {
    for (const ev of batch) {
      if (Number.isFinite(ev.t)) lastT = ev.t;
      if (!backwards && lastT < emitted) backwards = true;
      if (lastT > maxT) maxT = lastT;
      held.push(ev);
    }
    if (backwards || held.length === 0) continue;
    const sorted = sortByTime(held);
    let cut = 0;
    let key = -Infinity;
    for (; cut < sorted.length; cut++) {
      const t = sorted[cut].t;
      if (Number.isFinite(t)) key = t;
      if (key > maxT - REORDER_WINDOW_MS) break;
    }
    if (cut > 0) {
      yield sorted.slice(0, cut);
      emitted = key === -Infinity ? emitted : Math.max(emitted, sortedKey(sorted, cut - 1));
      held = sorted.slice(cut);
    } else {
      held = sorted;
    }
  }
  if (held.length) yield sortByTime(held);
}

function sortedKey(events: HubEvent[], i: number): number {
  for (let k = i; k >= 0; k--) if (Number.isFinite(events[k].t)) return events[k].t;
  return -Infinity;
}
