// One input → batches of events, read as a stream (memory does not grow with the input).
import type { Readable } from 'node:stream';
import type { HubEvent } from '../core/model/events.js';
import { RecordParser, type RecordParserOptions } from '../../parsers/record.js';
import { unwrapJsonObject } from '../../parsers/envelopes/json/index.js';
import { ByteLineSplitter } from './bytes.js';
import { JsonArraySplitter, jsonArrayStart } from './json-array.js';
import { describe, InputError, openChunks, type Input } from './sources.js';
import type { SourceStats } from '../core/model/inputs.js';

/** Reads one input, yielding its events in line order, a batch per chunk read. */
export interface ReadOptions extends RecordParserOptions {
  /** Called after each chunk read, with its size in bytes and the lines counted so far. */
  onChunk?: (bytes: number, lines: number) => void;
}

export async function* readSource(input: Input, run: { stats?: SourceStats; error: InputError | null }, opts: ReadOptions, stdin?: Readable): AsyncGenerator<HubEvent[]> {
  let batch: HubEvent[] = [];
  const parser = new RecordParser(input.name, (ev) => batch.push(ev), opts);
  run.stats = parser.stats;
  let stream: AsyncIterable<Buffer>;
  try {
    // Chunks may share one buffer: everything below is done with a chunk, or copied it, before the next.
    stream = await openChunks(input, stdin);
  } catch (e) {
    run.error = new InputError(input.name, describe(e));
    return;
  }
  const lines = new ByteLineSplitter((b, s, e, n) => parser.pushBytes(b, s, e, n), () => parser.noteNoiseTime());
  let array: JsonArraySplitter | null = null;
  // Bytes held back until they tell a JSON array from a line log: a first read can be as short
  // as `[` (a pipe, a gunzip chunk), which both a hub line and `gcloud --format=json` start with.
  let head: Buffer | null = Buffer.alloc(0);
  const decoder = new TextDecoder('utf-8');
  const feed = (chunk: Buffer) => {
    if (array) array.push(decoder.decode(chunk, { stream: true }));
    else lines.push(chunk);
  };
  try {
    for await (const chunk of stream) {
      if (head) {
        const bytes: Buffer = head.length > 0 ? Buffer.concat([head, chunk]) : chunk;
        const isArray = jsonArrayStart(bytes);
        if (isArray === null && bytes.length < SNIFF_LIMIT) {
          head = Buffer.from(bytes);
          continue;
        }
        head = null;
        if (isArray) array = new JsonArraySplitter((json, line, n) => pushArrayRecord(parser, json, line, n));
        feed(bytes);
      } else {
        feed(chunk);
      }
      opts.onChunk?.(chunk.length, parser.stats.lines);
      // When forwarding, an empty batch per chunk lets the reader pause between chunks (backpressure).
      if (batch.length > 0 || opts.forward) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
  } catch (e) {
    run.error = new InputError(input.name, describe(e));
  }
  if (head && head.length > 0) {
    // The whole input was shorter than the sniff needed: `[` and blanks only count as an array.
    if (jsonArrayStart(head) !== false) array = new JsonArraySplitter((json, line, n) => pushArrayRecord(parser, json, line, n));
    feed(head);
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

const SNIFF_LIMIT = 4096;

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
