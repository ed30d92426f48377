// In-process parsing for the parser tests: bytes go through the same ingest path as the CLI
// (ByteLineSplitter / JSON-array splitter → RecordParser), so line accounting is tested for real.
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { readSource } from '../../src/ingest/read.js';
import { makeZone } from '../../src/core/time.js';
import type { HubEvent, HubEventKind } from '../../src/core/model/events.js';
import { ROOT } from '../helpers/cli.js';
import type { SourceStats } from '../../src/core/model/inputs.js';
import type { HubsleuthError } from '../../src/core/errors.js';

export const fixture = (name: string) => resolve(ROOT, 'test/parsers/fixtures', name);

export interface Parsed {
  events: HubEvent[];
  stats: SourceStats;
  error: HubsleuthError | null;
}

/** Parses text or bytes; an array is delivered as separate chunks (to test splits across reads). */
export async function parse(input: string | Buffer | Array<string | Buffer>, opts: { tz?: string } = {}): Promise<Parsed> {
  const chunks = (Array.isArray(input) ? input : [input]).map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
  const run: { stats?: SourceStats; error: HubsleuthError | null } = { error: null };
  const events: HubEvent[] = [];
  const gen = readSource({ name: 'test', path: null }, run, { zone: makeZone(opts.tz), mode: 'all' }, Readable.from(chunks));
  for await (const batch of gen) events.push(...batch);
  return { events, stats: run.stats!, error: run.error };
}

/** ISO time of an epoch-ms value, null for NaN (as `hubsleuth events` prints it). */
export const iso = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);

/** Physical lines in a text, counted as an editor does (a last line without a newline counts). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

export const kinds = (events: HubEvent[]): HubEventKind[] => events.map((e) => e.kind);

/** Sum of `lines` over the events: must equal the input's physical line count. */
export const sumLines = (events: HubEvent[]): number => events.reduce((s, e) => s + e.lines, 0);

/** The single event of a kind (fails loudly when there is none or several). */
export function only<K extends HubEventKind>(events: HubEvent[], kind: K): Extract<HubEvent, { kind: K }> {
  const found = events.filter((e) => e.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} event, got ${found.length}: ${JSON.stringify(kinds(events))}`);
  return found[0] as Extract<HubEvent, { kind: K }>;
}
