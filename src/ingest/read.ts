// One input → batches of events, read as a stream (memory does not grow with the input).
import type { Readable } from 'node:stream';
import type { HubEvent } from '../events.js';
import { RecordParser, type RecordParserOptions, type SourceStats } from '../../parsers/record.js';
import { unwrapJsonObject } from '../../parsers/envelopes/index.js';
import { ByteLineSplitter } from './bytes.js';
import { JsonArraySplitter } from './json-array.js';
import { describe, InputError, openInput, type Input } from './sources.js';

export interface SourceRun {
  input: Input;
  stats: SourceStats;
  /** Set when reading stopped early (corrupt gzip, read error): the events before it still count. */
  error: InputError | null;
}

/** Reads one input, yielding its events in line order, a batch per chunk read. */
export async function* readSource(input: Input, run: { stats?: SourceStats; error: InputError | null }, opts: RecordParserOptions, stdin?: Readable): AsyncGenerator<HubEvent[]> {
  let batch: HubEvent[] = [];
  const parser = new RecordParser(input.name, (ev) => batch.push(ev), opts);
  run.stats = parser.stats;
  let stream: Readable;
  try {
    stream = await openInput(input, stdin);
  } catch (e) {
    run.error = new InputError(input.name, describe(e));
    return;
  }
  const lines = new ByteLineSplitter((b, s, e, n) => parser.pushBytes(b, s, e, n), () => parser.noteNoiseTime());
  let array: JsonArraySplitter | null = null;
  let first = true;
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (isJsonArrayStart(chunk)) array = new JsonArraySplitter((json, line, n) => pushArrayRecord(parser, json, line, n));
      }
      if (array) array.push(decoder.decode(chunk, { stream: true }));
      else lines.push(chunk);
      if (batch.length > 0) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
  } catch (e) {
    run.error = new InputError(input.name, describe(e));
  }
  if (array) {
    array.push(decoder.decode());
    array.end();
  } else {
    lines.end();
  }
  parser.flush();
  if (batch.length > 0) yield batch;
}

function isJsonArrayStart(chunk: Buffer): boolean {
  let i = 0;
  while (i < chunk.length && (chunk[i] === 32 || chunk[i] === 9 || chunk[i] === 10 || chunk[i] === 13)) i++;
  if (chunk[i] !== 0x5b) return false;
  i++;
  while (i < chunk.length && (chunk[i] === 32 || chunk[i] === 9 || chunk[i] === 10 || chunk[i] === 13)) i++;
  return i >= chunk.length || chunk[i] === 0x7b || chunk[i] === 0x5d;
}

function pushArrayRecord(parser: RecordParser, json: string | null, line: number, n: number): void {
  let u = null;
  if (json !== null) {
    try {
      const o = JSON.parse(json) as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) u = unwrapJsonObject(o as Record<string, unknown>);
    } catch {
      /* not JSON after all: unparsed below */
    }
  }
  parser.pushUnwrapped(u ?? { envelope: 'plain', text: json ?? '', t: NaN }, line, n);
}
