// One input's bytes → its events, pushed a chunk at a time: the one decoder that `analyze`, `events`
// and `watch` all read through. It tells a whole-document JSON export from a line log by its first
// bytes, splits lines (or the document's records), and parses them; the caller decides when chunks come and
// what to do with the events (batch them, or pass them on at once for live alerts).
import type { HubEvent } from '../core/model/events.js';
import type { SourceStats } from '../core/model/inputs.js';
import { RecordParser, type RecordParserOptions } from '../../parsers/record.js';
import { unwrapJsonObject } from '../../parsers/envelopes/json/index.js';
import { ByteLineSplitter } from './bytes.js';
import { JsonDocumentSplitter, documentStart } from './json-array.js';
import type { DocumentExport } from '../../parsers/envelopes/types.js';

// A first read can be as short as `[` (a pipe, a gunzip chunk), which both a hub line and
// `gcloud --format=json` start with, and a `_search` answer names its hits after a few hundred
// bytes: bytes are held back until they tell, at most this many (one JSON object per line tells
// at the end of its first line).
export const SNIFF_LIMIT = 64 << 10;

export class InputDecoder {
  readonly parser: RecordParser;
  private lines: ByteLineSplitter;
  private array: JsonDocumentSplitter | null = null;
  private head: Buffer | null = Buffer.alloc(0);
  private readonly decoder = new TextDecoder('utf-8');

  constructor(readonly name: string, emit: (ev: HubEvent) => void, opts: RecordParserOptions) {
    this.parser = new RecordParser(name, emit, opts);
    this.lines = this.newSplitter();
  }

  get stats(): SourceStats {
    return this.parser.stats;
  }

  /** The input is a whole-document export (known once its first bytes have been seen). */
  get isArray(): boolean {
    return this.array !== null;
  }

  /** Chunks may share one buffer: everything is done with a chunk, or copied, before this returns. */
  push(chunk: Buffer): void {
    if (this.head === null) {
      this.feed(chunk);
      return;
    }
    const bytes: Buffer = this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
    const doc = documentStart(bytes);
    if (doc === null && bytes.length < SNIFF_LIMIT) {
      this.head = Buffer.from(bytes);
      return;
    }
    this.head = null;
    if (doc) this.array = this.newArray();
    this.feed(bytes);
  }

  /** Ends the record held back for its possible continuation lines (a live input gone quiet). */
  flush(): void {
    this.parser.flush();
  }

  /**
   * The file was rotated or truncated: what follows is a new file, numbered from line 1 again so
   * that `sed -n <line>p <file>` shows the evidence in the file that now has that name.
   */
  restart(): void {
    this.end(true, false);
    this.head = Buffer.alloc(0);
    this.array = null;
    this.lines = this.newSplitter();
  }

  /** End of input. With `partialLine` false (a signal), a half-written last line is not parsed. */
  end(partialLine = true, flush = true): void {
    if (this.head && this.head.length > 0) {
      // The whole input was shorter than the sniff needed: `[` and blanks only count as an array.
      const doc = documentStart(this.head);
      if (doc || (doc === null && this.head.toString('latin1').trimStart().startsWith('['))) this.array = this.newArray();
      const h = this.head;
      this.head = null;
      this.feed(h);
    }
    this.head = null;
    if (this.array) {
      this.array.push(this.decoder.decode());
      this.array.end();
    } else if (partialLine) {
      this.lines.end();
    }
    if (flush) this.parser.flush();
  }

  private feed(chunk: Buffer): void {
    if (this.array) this.array.push(this.decoder.decode(chunk, { stream: true }));
    else this.lines.push(chunk);
  }

  private newSplitter(): ByteLineSplitter {
    return new ByteLineSplitter((b, s, e, n) => this.parser.pushBytes(b, s, e, n), () => this.parser.noteNoiseTime());
  }

  private newArray(): JsonDocumentSplitter {
    return new JsonDocumentSplitter((json, line, n, doc) => {
      const o = json === null ? null : recordObject(json, doc);
      const u = o ? unwrapJsonObject(o) : null;
      this.parser.pushUnwrapped(u ?? { envelope: 'plain', text: json ?? '', t: NaN }, line, n);
    });
  }
}

/** One record of a document as the object the JSON exports read, or null when it is none. */
function recordObject(json: string, doc: DocumentExport | null): Record<string, unknown> | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null; // not JSON after all: unparsed
  }
  if (doc?.record) return doc.record(v);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
