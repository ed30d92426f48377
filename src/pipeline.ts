// bytes → lines → envelope → event → (merge) → correlator → report: the one pipe that `analyze`,
// `events` and `watch` end in.
import type { Readable } from 'node:stream';
import type { HubEvent } from './events.js';
import { readSource } from './ingest/read.js';
import { inTimeOrder, mergeByTime, sortByTime, type MergeStats } from './ingest/merge.js';
import type { Input, InputError } from './ingest/sources.js';
import type { SourceStats, RecordParserOptions } from '../parsers/record.js';
import { Correlator } from './correlate/correlator.js';
import { buildReport } from './correlate/report.js';
import type { Report } from './report/model.js';
import { joinParts, planRanges, runInWorkers, type TaskResult } from './ingest/parallel.js';
import { InputError as InputErrorClass } from './ingest/sources.js';

export interface PipelineOptions extends RecordParserOptions {
  stdin?: Readable;
  /** The zone as the user named it (workers rebuild `zone` from it). */
  tz?: string;
  /** Worker threads for file inputs; 1 reads everything on the main thread. */
  jobs?: number;
  /** Progress: bytes read from a source (lines are that source's count so far). */
  onChunk?: (source: string, bytes: number, lines: number, part?: string) => void;
  /** Drop records outside [since, until] (epoch ms) while reading. */
  since?: number;
  until?: number;
}

export interface PipelineRun {
  stats: SourceStats[];
  errors: InputError[];
  merge: MergeStats;
}

/**
 * Events of all inputs, merged by time. `run` fills in as the inputs are read. With `sorted`, each
 * source is put in time order first (exports may be written newest-first; see inTimeOrder).
 */
export function streamEvents(inputs: Input[], opts: PipelineOptions & { sorted?: boolean }, run: PipelineRun): AsyncGenerator<HubEvent[]> {
  const sources = inputs.map((input) => {
    const state: { stats?: SourceStats; error: InputError | null } = { error: null };
    const onChunk = opts.onChunk ? (bytes: number, lines: number) => opts.onChunk!(input.name, bytes, lines) : undefined;
    const gen = readSource(input, state, { ...opts, onChunk }, opts.stdin);
    return (async function* () {
      try {
        if (opts.sorted) {
          yield* inTimeOrder(filtered(gen, opts));
        } else {
          for await (const batch of gen) yield filterTime(batch, opts);
        }
      } finally {
        if (state.stats) run.stats.push(state.stats);
        if (state.error) run.errors.push(state.error);
      }
    })();
  });
  return mergeByTime(sources, run.merge);
}

async function* filtered(gen: AsyncIterable<HubEvent[]>, opts: PipelineOptions): AsyncGenerator<HubEvent[]> {
  for await (const batch of gen) yield filterTime(batch, opts);
}

function filterTime(batch: HubEvent[], opts: PipelineOptions): HubEvent[] {
  if (opts.since === undefined && opts.until === undefined) return batch;
  const since = opts.since ?? -Infinity;
  const until = opts.until ?? Infinity;
  // A record without a time stays: it cannot be placed outside the window.
  return batch.filter((e) => !Number.isFinite(e.t) || (e.t >= since && e.t <= until));
}

export function newRun(): PipelineRun {
  return { stats: [], errors: [], merge: { duplicates: 0, skews: [] } };
}

export async function analyze(inputs: Input[], opts: PipelineOptions & { user?: string }): Promise<{ report: Report; run: PipelineRun }> {
  const run = newRun();
  const correlator = new Correlator();
  const jobs = opts.jobs ?? 1;
  const files = inputs.filter((i) => i.path !== null);
  const parts = jobs > 1 && files.length > 0 ? await Promise.all(files.map((i) => planRanges(i, files.length >= jobs ? 1 : jobs))) : [];
  const useWorkers = parts.length > 0 && (parts.length > 1 || parts[0].length > 1);
  const stream = useWorkers
    ? mergeByTime(await readWithWorkers(inputs, parts, { ...opts, jobs }, run), run.merge)
    : streamEvents(inputs, { ...opts, mode: opts.mode ?? 'needed', sorted: true }, run);
  for await (const batch of stream) {
    for (const ev of batch) correlator.push(ev);
  }
  const order = new Map(inputs.map((i, k) => [i.name, k]));
  run.stats.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return { report: buildReport(correlator.finish(), run.stats, run.merge, { user: opts.user }), run };
}

/** File inputs on worker threads (big plain files in parts), standard input on this thread. */
async function readWithWorkers(inputs: Input[], parts: Input[][], opts: PipelineOptions & { jobs: number }, run: PipelineRun): Promise<AsyncIterable<HubEvent[]>[]> {
  const tasks = parts.flat().map((input) => ({ input, tz: opts.tz }));
  const owner = parts.flatMap((p, k) => p.map(() => k));
  const pending = runInWorkers(tasks, opts.jobs, opts.onChunk ? (t, bytes, lines) => opts.onChunk!(t.input.name, bytes, lines, String(t.input.range?.start ?? '')) : undefined);
  const stdinInputs = inputs.filter((i) => i.path === null);
  const mainRun = newRun();
  const stdinEvents = stdinInputs.length ? await collect(streamEvents(stdinInputs, { ...opts, mode: 'needed', sorted: true }, mainRun)) : [];
  const results = await pending;
  // Parts are grouped by the file they came from (the same path may be given twice).
  const byFile: TaskResult[][] = parts.map(() => []);
  results.forEach((r, k) => byFile[owner[k]].push(r));
  const sources: AsyncIterable<HubEvent[]>[] = [];
  let file = 0;
  for (const input of inputs) {
    if (input.path === null) {
      sources.push(once(stdinEvents));
      run.stats.push(...mainRun.stats);
      run.errors.push(...mainRun.errors);
      continue;
    }
    const joined = joinParts(byFile[file++]);
    if (joined.stats) run.stats.push(joined.stats);
    if (joined.error) run.errors.push(new InputErrorClass(input.name, joined.error));
    sources.push(once(sortByTime(filterTime(joined.events, opts))));
  }
  return sources;
}

async function collect(gen: AsyncIterable<HubEvent[]>): Promise<HubEvent[]> {
  const out: HubEvent[] = [];
  for await (const b of gen) for (const ev of b) out.push(ev);
  return out;
}

async function* once(events: HubEvent[]): AsyncGenerator<HubEvent[]> {
  if (events.length) yield events;
}
