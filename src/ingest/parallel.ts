// Both cores for big inputs: each file (and each half of a big plain file, split at a record
// start) is parsed in a worker thread; the events come back and are merged exactly as in a
// single-threaded run, so the report is identical (tested).
import { promises as fsp } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { HubEvent } from '../events.js';
import type { SourceStats } from '../../parsers/record.js';
import { innerStart } from '../../parsers/noise.js';
import type { Input } from './sources.js';

export interface Task {
  input: Input;
  tz?: string;
}

export interface TaskResult {
  events: HubEvent[];
  stats: SourceStats | null;
  error: string | null;
}

// Below this a worker's start-up costs more than it saves (tests lower it to cut small files).
const MIN_SPLIT_BYTES = Number(process.env.HUBSLEUTH_SPLIT_MIN_BYTES ?? 32 << 20);
const GZIP = [0x1f, 0x8b];

/** The parts each input is read in: big plain files are cut at record starts into `jobs` ranges. */
export async function planRanges(input: Input, jobs: number): Promise<Input[]> {
  if (input.path === null || jobs < 2) return [input];
  let size: number;
  const fh = await fsp.open(input.path, 'r').catch(() => null);
  if (!fh) return [input];
  try {
    size = (await fh.stat()).size;
    if (size < MIN_SPLIT_BYTES) return [input];
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    if (head[0] === GZIP[0] && head[1] === GZIP[1]) return [input];
    const cuts = [0];
    for (let k = 1; k < jobs; k++) {
      const cut = await recordStartAfter(fh, Math.floor((size * k) / jobs), size);
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

/** The first line after `from` that starts a hub/culler record (never a continuation or a JSON piece). */
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

/** Runs the tasks on at most `jobs` worker threads; results come back in task order. */
export async function runInWorkers(tasks: Task[], jobs: number, onChunk?: (task: Task, bytes: number, lines: number) => void): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array(tasks.length);
  let next = 0;
  const workerUrl = new URL('./worker.js', import.meta.url);
  const lane = async () => {
    while (next < tasks.length) {
      const k = next++;
      results[k] = await new Promise<TaskResult>((resolve) => {
        const w = new Worker(workerUrl, { workerData: tasks[k] });
        let done = false;
        w.on('message', (r: TaskResult | { progress: { bytes: number; lines: number } }) => {
          if ('progress' in r) {
            onChunk?.(tasks[k], r.progress.bytes, r.progress.lines);
            return;
          }
          done = true;
          resolve(r);
        });
        w.once('error', (e) => {
          done = true;
          resolve({ events: [], stats: null, error: e.message });
        });
        w.once('exit', (code) => {
          if (!done) resolve({ events: [], stats: null, error: `worker exited with code ${code}` });
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, lane));
  return results;
}

/** Joins the parts of one input: line numbers continue across parts, counters add up. */
export function joinParts(parts: TaskResult[]): TaskResult {
  if (parts.length === 1) return parts[0];
  const events: HubEvent[] = [];
  let offset = 0;
  let stats: SourceStats | null = null;
  let error: string | null = null;
  for (const p of parts) {
    for (const ev of p.events) {
      ev.line += offset;
      events.push(ev);
    }
    if (p.stats) {
      offset += p.stats.lines;
      stats = stats ? addStats(stats, p.stats) : { ...p.stats, envelopes: { ...p.stats.envelopes }, shapes: { ...p.stats.shapes } };
    }
    error ??= p.error;
  }
  return { events, stats, error };
}

function addStats(a: SourceStats, b: SourceStats): SourceStats {
  const sum = <K extends string>(x: Partial<Record<K, number>>, y: Partial<Record<K, number>>) => {
    for (const [k, v] of Object.entries(y) as Array<[K, number]>) x[k] = (x[k] ?? 0) + v;
    return x;
  };
  return {
    source: a.source, lines: a.lines + b.lines, parsed: a.parsed + b.parsed, unparsed: a.unparsed + b.unparsed,
    first: Number.isFinite(a.first) && !(b.first < a.first) ? a.first : b.first,
    last: Number.isFinite(a.last) && !(b.last > a.last) ? a.last : b.last,
    envelopes: sum(a.envelopes, b.envelopes), shapes: sum(a.shapes, b.shapes),
  };
}
