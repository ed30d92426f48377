// Both cores for big inputs: worker threads read the files (a big plain file in parts cut at
// record starts) and drop noise by its bytes; the lines that matter come back as bytes and are
// parsed here in line order, so the events and the report are exactly those of a single-threaded
// run (tested). Only a few percent of a hub log crosses threads, in transferred buffers.
import { promises as fsp } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { HubEvent } from '../core/model/events.js';
import { RecordParser } from '../../parsers/record.js';
import { innerStart } from '../../parsers/noise.js';
import type { Zone } from '../core/time.js';
import { isGzip, type Input } from './sources.js';
import { documentStart } from './json-array.js';
import { SNIFF_LIMIT } from './decode.js';
import type { SourceStats } from '../core/model/inputs.js';

export interface Task {
  input: Input;
  tz?: string;
}

export type WorkerMessage =
  /** The worker has loaded its modules (./worker-entry.ts): the next one may start loading its own. */
  | { kind: 'ready' }
  | { kind: 'lines'; data: Uint8Array; index: Uint32Array }
  | { kind: 'progress'; bytes: number; lines: number }
  | { kind: 'done'; stats: SourceStats | null; totalLines: number; error: string | null };

// Below this a worker's start-up (~50-100 ms here) costs more than it saves: such a file is read
// on the main thread, and it takes a file this big to be cut in parts (tests lower it).
const MIN_WORKER_BYTES = Number(process.env.HUBSLEUTH_SPLIT_MIN_BYTES ?? 32 << 20);

/** Whether a worker pays for itself: an input is a file (plain or gzip) big enough for one. */
export async function worthWorkers(inputs: readonly Input[]): Promise<boolean> {
  for (const i of inputs) {
    if (i.path === null || i.pipe) continue;
    if ((await fsp.stat(i.path).then((st) => st.size, () => -1)) >= MIN_WORKER_BYTES) return true;
  }
  return false;
}

/**
 * The parts a file is read in: a big plain file is cut at record starts into `parts` ranges.
 * Null when the input is read on the main thread: standard input, a pipe, a small file, a file
 * that cannot be opened (the reader reports why), or a whole-document JSON export (its records
 * span lines, so they cannot be filtered line by line).
 */
export async function planRanges(input: Input, parts: number): Promise<Input[] | null> {
  if (input.path === null || input.pipe) return null;
  // By its size first: a folder may hold thousands of small files, more than can be open at once.
  const size = await fsp.stat(input.path).then((s) => s.size, () => -1);
  if (size < MIN_WORKER_BYTES) return null;
  const fh = await fsp.open(input.path, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const head = Buffer.alloc(SNIFF_LIMIT);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    // A whole-document export (or what may still be one) is read whole: its records span lines.
    if (documentStart(head.subarray(0, bytesRead)) !== false) return null;
    if (parts < 2 || isGzip(head.subarray(0, bytesRead))) return [input];
    const cuts = [0];
    for (let k = 1; k < parts; k++) {
      const cut = await recordStartAfter(fh, Math.floor((size * k) / parts), size);
      if (cut > cuts[cuts.length - 1] && cut < size) cuts.push(cut);
    }
    cuts.push(size);
    if (cuts.length <= 2) return [input];
    return cuts.slice(0, -1).map((start, k) => ({ ...input, range: { start, end: cuts[k + 1] } }));
  } finally {
    await fh.close();
  }
}

const isLevel = (c: number) => c === 73 || c === 87 || c === 69 || c === 68 || c === 67;

/** The first line after `from` that starts a hub/culler record (never a continuation or a piece). */
async function recordStartAfter(fh: fsp.FileHandle, from: number, size: number): Promise<number> {
  const buf = Buffer.alloc(256 << 10);
  const { bytesRead } = await fh.read(buf, 0, buf.length, from);
  let s = buf.indexOf(10) + 1;
  // A CRI `F` line right after a `P` piece finishes that piece: not a place to cut.
  let prevWhole = false;
  while (s > 0 && s < bytesRead) {
    const e = buf.indexOf(10, s);
    if (e < 0) break;
    const o = innerStart(buf, s, e);
    if (prevWhole && o >= 0 && buf[o] === 91 && isLevel(buf[o + 1]) && buf[o + 2] === 32) return from + s;
    prevWhole = o >= 0 || buf[s] < 48 || buf[s] > 57;
    s = e + 1;
  }
  return size;
}

/** At most `jobs` workers at once; a task waits for a free one. */
export class WorkerPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly url = new URL('./worker-entry.js', import.meta.url);
  // Workers load their modules one after another: each loading opens its modules' files at once,
  // and two at a time overran a 64-file limit.
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly jobs: number) {}

  async start(task: Task, onMessage: (m: WorkerMessage, worker: Worker) => void): Promise<void> {
    if (this.running >= this.jobs) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    const before = this.loading;
    let loaded!: () => void;
    this.loading = new Promise<void>((r) => (loaded = r));
    await before;
    await new Promise<void>((resolve) => {
      // A larger young generation: the filter allocates little, but the default in workers is small.
      const w = new Worker(this.url, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      let done = false;
      w.on('message', (m: WorkerMessage) => {
        if (m.kind === 'ready') return loaded();
        if (m.kind === 'done') done = true;
        onMessage(m, w);
      });
      w.once('error', (e) => {
        if (!done) onMessage({ kind: 'done', stats: null, totalLines: 0, error: e.message }, w);
        done = true;
      });
      w.once('exit', (code) => {
        loaded();
        if (!done) onMessage({ kind: 'done', stats: null, totalLines: 0, error: `worker exited with code ${code}` }, w);
        resolve();
      });
    });
    this.running--;
    this.waiting.shift()?.();
  }
}

/**
 * One input read by workers, part after part: its events, in line order, as batches. The lines the
 * workers forward are parsed here by one parser, so records and line numbers run on across parts.
 */
export async function* workerEvents(
  parts: Input[], pool: WorkerPool, zone: Zone, tz: string | undefined,
  done: (stats: SourceStats, error: string | null, hubs: ReadonlyMap<string, SourceStats>) => void,
  onProgress?: (part: string, bytes: number, lines: number) => void,
): AsyncGenerator<HubEvent[]> {
  let batch: HubEvent[] = [];
  const parser = new RecordParser(parts[0].name, (ev) => batch.push(ev), { zone, mode: 'needed' });
  // Messages of every part arrive as the workers go; they are used part after part.
  const queues: Array<Array<{ m: WorkerMessage; w: Worker }>> = parts.map(() => []);
  let wake: (() => void) | null = null;
  parts.forEach((input, k) => {
    void pool.start({ input, tz }, (m, w) => {
      if (m.kind === 'progress') onProgress?.(String(input.range?.start ?? ''), m.bytes, m.lines);
      else queues[k].push({ m, w });
      wake?.();
    });
  });
  let offset = 0;
  const stats: SourceStats[] = [];
  let error: string | null = null;
  for (let k = 0; k < parts.length; k++) {
    for (;;) {
      const next = queues[k].shift();
      if (!next) {
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      const m = next.m;
      if (m.kind === 'lines') {
        const data = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
        for (let i = 0; i < m.index.length; i += 3) parser.pushBytes(data, m.index[i + 1], m.index[i + 2], m.index[i] + offset);
        next.w.postMessage('ack');
        if (batch.length > 0) {
          const out = batch;
          batch = [];
          yield out;
        }
        continue;
      }
      if (m.kind !== 'done') continue;
      if (m.stats) stats.push(m.stats);
      error ??= m.error;
      offset += m.totalLines;
      break;
    }
  }
  parser.flush();
  if (batch.length > 0) yield batch;
  // Workers count only noise, which names no hub: the lines that name one were all parsed here.
  const hubs = new Map(parser.hubs);
  if (hubs.size > 0) hubs.set('', stats.reduce(addStats, hubs.get('')!));
  done(stats.reduce(addStats, parser.stats), error, hubs);
}

function addStats(a: SourceStats, b: SourceStats): SourceStats {
  const sum = <K extends string>(x: Partial<Record<K, number>>, y: Partial<Record<K, number>>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y) as Array<[K, number]>) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    source: a.source, lines: a.lines + b.lines, parsed: a.parsed + b.parsed, artifacts: a.artifacts + b.artifacts, fragments: a.fragments + b.fragments, unparsed: a.unparsed + b.unparsed,
    first: Number.isFinite(a.first) && !(b.first < a.first) ? a.first : b.first,
    last: Number.isFinite(a.last) && !(b.last > a.last) ? a.last : b.last,
    envelopes: sum(a.envelopes, b.envelopes), shapes: sum(a.shapes, b.shapes),
  };
}
