// One input → batches of events, read as a stream (memory does not grow with the input).
import type { Readable } from 'node:stream';
import type { HubEvent } from '../core/model/events.js';
import type { RecordParserOptions } from '../../parsers/record.js';
import { InputDecoder } from './decode.js';
import { describe, openChunks, type Input } from './sources.js';
import type { SourceStats } from '../core/model/inputs.js';
import { type HubsleuthError, inputError } from '../core/errors.js';

/** Reads one input, yielding its events in line order, a batch per chunk read. */
export interface ReadOptions extends RecordParserOptions {
  /** Called after each chunk read, with its size in bytes and the lines counted so far. */
  onChunk?: (bytes: number, lines: number) => void;
  /** Ends the reading (`watch` stopped by a signal): what was read counts, no error. */
  signal?: AbortSignal;
}

export async function* readSource(input: Input, run: { stats?: SourceStats; hubs?: ReadonlyMap<string, SourceStats>; error: HubsleuthError | null }, opts: ReadOptions, stdin?: Readable): AsyncGenerator<HubEvent[]> {
  let batch: HubEvent[] = [];
  const decoder = new InputDecoder(input.name, (ev) => batch.push(ev), opts);
  run.stats = decoder.stats;
  run.hubs = decoder.parser.hubs;
  let stream: AsyncIterable<Buffer>;
  try {
    stream = await openChunks(input, stdin, opts.signal);
  } catch (e) {
    if (!opts.signal?.aborted) run.error = inputError(input.name, describe(e));
    return;
  }
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) break;
      decoder.push(chunk);
      opts.onChunk?.(chunk.length, decoder.stats.lines);
      // When forwarding, an empty batch per chunk lets the reader pause between chunks (backpressure).
      if (batch.length > 0 || opts.forward) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
  } catch (e) {
    if (!opts.signal?.aborted) run.error = inputError(input.name, describe(e));
  }
  decoder.end();
  if (batch.length > 0) yield batch;
}
