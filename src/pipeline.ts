// bytes → lines → envelope → event → (merge) → correlator → report: the one pipe that `analyze`,
// `events` and `watch` end in.
import type { Readable } from 'node:stream';
import type { HubEvent } from './events.js';
import { readSource } from './ingest/read.js';
import { mergeByTime, sortByTime, type MergeStats } from './ingest/merge.js';
import type { Input, InputError } from './ingest/sources.js';
import type { SourceStats, RecordParserOptions } from '../parsers/record.js';
import { Correlator } from './correlate/correlator.js';
import { buildReport } from './correlate/report.js';
import type { Report } from './report/model.js';

export interface PipelineOptions extends RecordParserOptions {
  stdin?: Readable;
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
 * source is collected and put in time order first (for exports written newest-first); that holds
 * only the events read, so it is meant for `needed` mode, where most lines are never materialized.
 */
export function streamEvents(inputs: Input[], opts: PipelineOptions & { sorted?: boolean }, run: PipelineRun): AsyncGenerator<HubEvent[]> {
  const sources = inputs.map((input) => {
    const state: { stats?: SourceStats; error: InputError | null } = { error: null };
    const gen = readSource(input, state, opts, opts.stdin);
    return (async function* () {
      try {
        if (opts.sorted) {
          const all: HubEvent[] = [];
          for await (const batch of gen) for (const ev of filterTime(batch, opts)) all.push(ev);
          yield sortByTime(all);
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
  for await (const batch of streamEvents(inputs, { ...opts, mode: opts.mode ?? 'needed', sorted: true }, run)) {
    for (const ev of batch) correlator.push(ev);
  }
  const order = new Map(inputs.map((i, k) => [i.name, k]));
  run.stats.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return { report: buildReport(correlator.finish(), run.stats, run.merge, { user: opts.user }), run };
}
