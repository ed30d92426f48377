// Shared pieces of the fuzz suite: the whole pipeline run in-process on bytes (through the same
// readSource → RecordParser path the CLI uses, standard input fed by a Readable), an independent
// line counter to check accounting against, and the sample lines the generators draw from.
import { Readable } from 'node:stream';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, newRun, streamEvents } from '../../src/source/pipeline.js';
import type { Input } from '../../src/ingest/sources.js';
import type { HubEvent } from '../../src/core/model/events.js';
import type { Report } from '../../src/core/model/report.js';
import { REPORTERS } from '../../src/report/index.js';
import { RecordParser } from '../../parsers/record.js';
import { ROOT } from '../helpers/cli.js';

/** Fixed seed so a failure reproduces; override with HUBSLEUTH_FUZZ_SEED to explore further. */
export const SEED = Number(process.env.HUBSLEUTH_FUZZ_SEED ?? 20250514);
/** Scale every property's run count (HUBSLEUTH_FUZZ_SCALE=10 for a long local session). */
const SCALE = Number(process.env.HUBSLEUTH_FUZZ_SCALE ?? 1);

/** fc.assert with the suite's seed; the thrown error names the seed so the run can be replayed. */
export async function check<T>(prop: fc.IAsyncProperty<T> | fc.IProperty<T>, numRuns: number): Promise<void> {
  try {
    await fc.assert(prop as fc.IAsyncProperty<T>, { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) });
  } catch (e) {
    const err = e as Error;
    err.message = `fuzz failure (HUBSLEUTH_FUZZ_SEED=${SEED}):\n${err.message}`;
    throw err;
  }
}

const STDIN: Input = { name: '-', path: null };

function stream(chunks: Uint8Array[]): Readable {
  return Readable.from(chunks.map((c) => Buffer.from(c)), { objectMode: false });
}

/** Splits bytes into chunks at the given cut points (exercises chunk-boundary handling). */
export function chunked(bytes: Uint8Array, cuts: number[] = []): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.min(bytes.length, Math.max(0, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    if (p > prev) out.push(bytes.subarray(prev, p));
    prev = p;
  }
  if (prev < bytes.length || out.length === 0) out.push(bytes.subarray(prev));
  return out;
}

/** Every event of one input (`events` mode: nothing filtered). */
export async function eventsOf(chunks: Uint8Array[]): Promise<{ events: HubEvent[]; lines: number; accounted: number; parsed: number; unparsed: number }> {
  const run = newRun();
  const events: HubEvent[] = [];
  for await (const batch of streamEvents([STDIN], { mode: 'all', stdin: stream(chunks) }, run)) for (const ev of batch) events.push(ev);
  const s = run.stats[0];
  const accounted = s ? s.parsed + s.artifacts + s.fragments + s.unparsed : 0;
  return { events, lines: s?.lines ?? 0, accounted, parsed: s?.parsed ?? 0, unparsed: s?.unparsed ?? 0 };
}

/** The report `analyze` would write for these bytes on standard input. */
export async function reportOf(chunks: Uint8Array[]): Promise<Report> {
  return (await analyze([STDIN], { stdin: stream(chunks) })).report;
}

/** The report for several inputs read from files. */
export async function reportOfFiles(paths: string[], names = paths): Promise<Report> {
  return (await analyze(paths.map((p, i) => ({ name: names[i], path: p })), {})).report;
}

/**
 * Physical lines in bytes, counted independently of ByteLineSplitter: LF, CRLF and a lone CR each end
 * a line; a last line without a terminator counts; invalid UTF-8 never hides a terminator (0x0A and
 * 0x0D are never part of a multi-byte sequence).
 */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  let open = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 10) {
      n++;
      open = false;
    } else if (b === 13) {
      n++;
      open = false;
      if (bytes[i + 1] === 10) i++;
    } else open = true;
  }
  return n + (open ? 1 : 0);
}

/** What a finding is, without where it was read (line numbers and evidence move when lines are inserted). */
export function findingsOf(r: Report): unknown {
  return {
    rootCause: r.verdict.rootCause,
    incidents: r.incidents.map(({ evidence: _e, ...rest }) => rest),
    denials: [...r.denials].map(({ source: _s, line: _l, ...rest }) => rest),
    findings: r.findings.map((f) => [f.kind, f.severity, f.at, f.users ?? null]),
  };
}

/** Renders every format; JSON must parse back to the same report. */
export function renderAll(r: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, render] of Object.entries(REPORTERS)) out[name] = render(r, { color: true });
  JSON.parse(out.json);
  return out;
}

export const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

export function sampleText(rel: string): string {
  return readFileSync(join(ROOT, 'samples', rel), 'utf8');
}

/** Lines of the plain-text samples (hub, culler, z2jh, continuation lines), without terminators. */
export function samplePool(): string[] {
  const files = ['incident-two-days.log', 'healthy-servers-only.log', 'xsrf-and-not-allowed.log', 'cri-node.log', 'kubectl-timestamps-prefix.log', 'docker-json.log'];
  const real = readdirSync(join(ROOT, 'samples', 'real')).filter((f) => f.endsWith('.log')).map((f) => `real/${f}`);
  const lines = new Set<string>();
  for (const f of [...files, ...real]) for (const l of sampleText(f).split('\n')) if (l) lines.add(l);
  return [...lines];
}

/** Lines of a text that begin a record (a 4-space or CHP continuation line does not). */
export function isRecordStart(line: string): boolean {
  const c = line[0];
  return c !== undefined && c !== ' ' && c !== '\t' && c !== '}' && c !== ']';
}

/** The in-line time of a hub or culler line as an RFC 3339 string (for a matching envelope). */
export function lineTime(l: string, prev: string): string {
  let m = /^\[[DIWEC] (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(l);
  if (m) return `${m[1]}T${m[2]}000000Z`;
  m = /^\[[DIWEC] (\d\d)(\d\d)(\d\d) (\d\d:\d\d:\d\d)/.exec(l);
  if (m) return `20${m[1]}-${m[2]}-${m[3]}T${m[4]}.000000000Z`;
  return prev;
}

/**
 * The time a collector stamps on each line: its own, else, for an untimed line that starts a record
 * (the chart's config preamble), the next timed line's, as it is printed just before the hub's own
 * lines, and for a continuation line the time of the record it continues. A preamble stamped with
 * the previous container's last time would be a hub start hours early.
 */
export function envelopeTimes(lines: readonly string[], first = '2025-05-13T00:00:00.000000000Z'): string[] {
  const out: string[] = new Array<string>(lines.length);
  let next: string | null = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    const own = lineTime(lines[i], '');
    if (own) out[i] = next = own;
    else if (isRecordStart(lines[i]) && next) out[i] = next;
  }
  let prev = first;
  for (let i = 0; i < lines.length; i++) prev = out[i] ??= prev;
  return out;
}


/** One line through a fresh parser (what a paste of just that fragment gives). */
export function parseAlone(text: string): HubEvent[] {
  const out: HubEvent[] = [];
  const p = new RecordParser('x', (e) => out.push(e), { mode: 'all' });
  p.push(text, 1);
  p.flush();
  return out;
}
