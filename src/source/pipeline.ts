// bytes → lines → envelope → event → (merge) → correlator → report: the one pipe that `analyze`,
// `events` and `watch` end in.
import type { Readable } from 'node:stream';
import type { HubEvent } from '../core/model/events.js';
import { readSource } from '../ingest/read.js';
import { mergeByTime } from '../ingest/merge.js';
import { inTimeOrder } from '../ingest/reorder.js';
import type { Input } from '../ingest/sources.js';
import type { RecordParserOptions } from '../../parsers/record.js';
import { Correlator } from '../correlate/correlator.js';
import { buildReport } from '../correlate/report.js';
import { HubFacts } from '../correlate/hub-facts.js';
import { groupHubs, type HubGroup } from '../correlate/hubs.js';
import { combineHubs, withOneHub } from '../correlate/hub-report.js';
import { HubParts } from './hub-parts.js';
import type { Report } from '../core/model/report.js';
import { planRanges, WorkerPool, workerEvents } from '../ingest/parallel.js';
import { earliestTime } from '../ingest/first-time.js';
import { makeZone } from '../core/time.js';
import type { SourceStats } from '../core/model/inputs.js';
import type { MergeStats } from '../core/model/inputs.js';
import { type HubsleuthError, inputError } from '../core/errors.js';

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
  /** Stops reading (main-thread reading only: `watch` stopped by a signal). */
  signal?: AbortSignal;
  /** Sees every batch the stage yields, in the window (what tells hubs apart; copies of a record the merge dropped are counted in its `shared`). */
  tap?: (batch: readonly HubEvent[]) => void;
}

export interface PipelineRun {
  stats: SourceStats[];
  /** Per input whose lines named a hub: its counts per hub named ('' none; see RecordParser.hubs). */
  hubs: Map<string, ReadonlyMap<string, SourceStats>>;
  errors: HubsleuthError[];
  merge: MergeStats;
}

/**
 * Events of all inputs, merged by time. `run` fills in as the inputs are read. With `sorted`, each
 * source is put in time order first (exports may be written newest-first; see inTimeOrder).
 */
export function streamEvents(inputs: Input[], opts: PipelineOptions & { sorted?: boolean }, run: PipelineRun): AsyncGenerator<HubEvent[]> {
  const sources = inputs.map((input) => {
    const state: { stats?: SourceStats; hubs?: ReadonlyMap<string, SourceStats>; error: HubsleuthError | null } = { error: null };
    const onChunk = opts.onChunk ? (bytes: number, lines: number) => opts.onChunk!(input.name, bytes, lines) : undefined;
    const gen = readSource(input, state, { ...opts, onChunk }, opts.stdin);
    return (async function* () {
      try {
        if (opts.sorted) {
          yield* tapped(inTimeOrder(filtered(gen, opts), run.merge), opts.tap);
        } else {
          yield* tapped(filtered(gen, opts), opts.tap);
        }
      } finally {
        if (state.stats) run.stats.push(state.stats);
        if (state.hubs && state.hubs.size > 0) run.hubs.set(input.name, state.hubs);
        if (state.error) run.errors.push(state.error);
      }
    })();
  });
  if (sources.length === 1) return mergeByTime(sources, run.merge);
  return (async function* () {
    yield* mergeByTime(sources, run.merge, await startTimes(inputs, opts.zone));
  })();
}

/** Each input's earliest time (first-time.ts), a few files at a time: there may be thousands. */
async function startTimes(inputs: Input[], zone: PipelineOptions['zone']): Promise<number[]> {
  const out = new Array<number>(inputs.length).fill(-Infinity);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < inputs.length; k = next++) out[k] = await earliestTime(inputs[k], zone);
  };
  await Promise.all(Array.from({ length: Math.min(8, inputs.length) }, worker));
  return out;
}

async function* tapped(gen: AsyncIterable<HubEvent[]>, tap: PipelineOptions['tap']): AsyncGenerator<HubEvent[]> {
  if (!tap) {
    yield* gen;
    return;
  }
  for await (const batch of gen) {
    tap(batch);
    yield batch;
  }
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
  return { stats: [], hubs: new Map(), errors: [], merge: { duplicates: 0, skews: [], late: [] } };
}

type Analysed = { report: Report; run: PipelineRun; records: number };

/**
 * The report, how the inputs were read, and how many timed records (not unparsed lines) it was
 * built from: those in the --since/--until window. Inputs of several hubs are read a second time,
 * each hub's on their own, so that no story ties one hub's refusal to another's deletion; an input
 * whose lines name several hubs (a namespace, a host) is split by them as it streams.
 */
export async function analyze(inputs: Input[], opts: PipelineOptions & { user?: string }): Promise<Analysed> {
  const facts = new HubFacts();
  const split = new HubParts();
  const together = await correlate(inputs, { ...opts, tap: (b) => { facts.observe(b); split.observe(b); } });
  const several = new Set(inputs.filter((i) => splits(i.name, facts, together.run)).map((i) => i.name));
  if (inputs.length < 2 && several.size === 0) return together;
  // An input split by hub is one grouping input per hub it names, `<input>\0<hub>`.
  const hubInputs = inputs.flatMap((i) => {
    const given = i.given ?? i.name;
    if (several.has(i.name)) return [...facts.hubsOf(i.name)].map(([hub, f]) => ({ name: `${i.name}\0${hub}`, given, facts: f }));
    const f = facts.inputs.get(i.name);
    return f ? [{ name: i.name, given, facts: f }] : [];
  });
  const groups = groupHubs(hubInputs, together.run.merge.shared).map((g) => ({ ...g, members: g.inputs, inputs: [...new Set(g.inputs.map(inputOf))] }));
  const read = hubInputs.map((h) => inputOf(h.name)).filter((n, k, all) => all.indexOf(n) === k);
  if (groups.length < 2) return { ...together, report: withOneHub(together.report, groups[0] ?? { inputs: [], together: [] }) };
  const once = inputs.find((i) => (i.path === null || i.pipe === true) && groups.some((g) => g.members.includes(i.name)));
  const mixed = groups.find((g) => g.members.length > 1 && g.members.some((m) => m.includes('\0')));
  if (once || mixed) {
    const why = once ? `${once.name === '-' ? 'standard input' : once.name} cannot be read a second time to correlate each hub on its own`
      : `${mixed!.inputs.join(', ')} hold one hub's records among another's, and a hub's part of an input is correlated on its own only when no other input is that hub's`;
    return { ...together, report: withOneHub(together.report, { inputs: read, together: [why] }) };
  }
  const parts: Array<{ group: HubGroup; report: Report }> = [];
  for (const group of groups) {
    const [source, hub] = group.members[0].split('\0');
    const stats = hub === undefined ? null : together.run.hubs.get(source)?.get(hub);
    const report = stats ? split.report(source, hub, stats, { user: opts.user, since: opts.since, until: opts.until })
      : (await correlate(inputs.filter((i) => group.members.includes(i.name)), { ...opts, onChunk: undefined })).report;
    parts.push({ group, report });
  }
  return { ...together, report: combineHubs(parts, together.report.inputs, opts) };
}

const inputOf = (name: string) => name.split('\0')[0];

/** The input's lines name more than one hub, and each of its hub records names one: it is read as that many hubs' logs. */
function splits(name: string, facts: HubFacts, run: PipelineRun): boolean {
  return facts.hubsOf(name).size > 1 && !facts.namesNone(name) && (run.hubs.get(name)?.size ?? 0) > 1;
}

/** All the inputs correlated as one hub's log. */
async function correlate(inputs: Input[], opts: PipelineOptions & { user?: string }): Promise<Analysed> {
  const run = newRun();
  const correlator = new Correlator();
  const jobs = opts.jobs ?? 1;
  const sources = jobs > 1 ? await workerSources(inputs, { ...opts, jobs }, run) : null;
  const stream = sources ? mergeByTime(sources, run.merge, sources.length > 1 ? await startTimes(inputs, opts.zone ?? makeZone(opts.tz)) : []) : streamEvents(inputs, { ...opts, mode: opts.mode ?? 'needed', sorted: true }, run);
  let records = 0;
  for await (const batch of stream) {
    for (const ev of batch) {
      if (ev.kind !== 'unparsed' && Number.isFinite(ev.t)) records++;
      correlator.push(ev);
    }
  }
  const order = new Map(inputs.map((i, k) => [i.name, k]));
  run.stats.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return { report: buildReport(correlator.finish(), run.stats, run.merge, { user: opts.user, since: opts.since, until: opts.until }), run, records };
}

/**
 * File inputs read by worker threads (several files at once, a big file in parts); standard input
 * and JSON array exports on this thread. Each source is then ordered and merged as usual.
 */
async function workerSources(inputs: Input[], opts: PipelineOptions & { jobs: number }, run: PipelineRun): Promise<AsyncIterable<HubEvent[]>[]> {
  const files = inputs.filter((i) => i.path !== null).length;
  const plans = await Promise.all(inputs.map((i) => planRanges(i, files >= opts.jobs ? 1 : opts.jobs)));
  const pool = new WorkerPool(opts.jobs);
  const zone = opts.zone ?? makeZone(opts.tz);
  return inputs.map((input, k) => {
    const parts = plans[k];
    if (!parts) return streamEvents([input], { ...opts, mode: 'needed', sorted: true }, run);
    const progress = opts.onChunk ? (part: string, bytes: number, lines: number) => opts.onChunk!(input.name, bytes, lines, part) : undefined;
    const events = workerEvents(parts, pool, zone, opts.tz, (stats, error, hubs) => {
      run.stats.push(stats);
      if (hubs.size > 0) run.hubs.set(input.name, hubs);
      if (error) run.errors.push(inputError(input.name, error));
    }, progress);
    return tapped(inTimeOrder(filtered(events, opts), run.merge), opts.tap);
  });
}
