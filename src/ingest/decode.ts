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
import { sortByTime } from './merge.js';

// A first read can be as short as `[` (a pipe, a gunzip chunk), which both a hub line and
// `gcloud --format=json` start with, and a `_search` answer names its hits after a few hundred
// bytes: bytes are held back until they tell, at most this many (one JSON object per line tells
// at the end of its first line).
export const SNIFF_LIMIT = 64 << 10;

export class InputDecoder {
  readonly parser: RecordParser;
  private lines: ByteLineSplitter;
  private array: JsonDocumentSplitter | null = null;
  private doc: DocumentExport | null = null;
  /** The events of a document whose records come in no time order, until it ends. */
  private unordered: HubEvent[] | null = null;
  private head: Buffer | null = Buffer.alloc(0);
  private readonly decoder = new TextDecoder('utf-8');
  /** A UTF-16 input (PowerShell's `>` writes UTF-16LE with a BOM): its text, re-encoded as UTF-8. */
  private utf16: TextDecoder | null = null;
  private bomChecked = false;

  constructor(readonly name: string, private readonly emit: (ev: HubEvent) => void, opts: RecordParserOptions) {
    this.parser = new RecordParser(name, (ev) => (this.unordered ? this.unordered.push(ev) : emit(ev)), opts);
    this.lines = this.newSplitter();
  }

  get stats(): SourceStats {
    return this.parser.stats;
  }

  /** The input is a whole-document export (known once its first bytes have been seen). */
  get isArray(): boolean {
    return this.array !== null;
  }

  /** The input is records written one after another (a watch), each passed on as it closes. */
  get isStream(): boolean {
    return this.doc?.stream === true;
  }

  /** Chunks may share one buffer: everything is done with a chunk, or copied, before this returns. */
  push(chunk: Buffer): void {
    if (this.utf16) chunk = Buffer.from(this.utf16.decode(chunk, { stream: true }));
    if (this.head === null) {
      this.feed(chunk);
      return;
    }
    let bytes: Buffer = this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
    if (!this.bomChecked) {
      const bom = utf16Bom(bytes);
      if (bom === null) {
        this.head = Buffer.from(bytes);
        return;
      }
      this.bomChecked = true;
      if (bom) {
        this.utf16 = new TextDecoder(bom);
        bytes = Buffer.from(this.utf16.decode(bytes, { stream: true }));
      }
    }
    const doc = documentStart(bytes);
    if (doc === null && bytes.length < SNIFF_LIMIT) {
      this.head = Buffer.from(bytes);
      return;
    }
    this.head = null;
    if (doc) this.array = this.newArray(doc);
    this.feed(bytes);
  }

  /** Ends the record held back for its possible continuation lines (a live input gone quiet). */
  flush(): void {
    this.array?.flushPending();
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
    this.doc = null;
    this.utf16 = null;
    this.bomChecked = false;
    this.lines = this.newSplitter();
  }

  /** End of input. With `partialLine` false (a signal), a half-written last line is not parsed. */
  end(partialLine = true, flush = true): void {
    if (this.utf16) {
      const rest = this.utf16.decode();
      this.utf16 = null;
      if (rest) this.push(Buffer.from(rest));
    }
    if (this.head && this.head.length > 0) {
      // The whole input was shorter than the sniff needed: `[` and blanks only count as an array.
      const doc = documentStart(this.head);
      if (doc || (doc === null && this.head.toString('latin1').trimStart().startsWith('['))) this.array = this.newArray(doc || null);
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
    this.release();
  }

  /** A document in no time order has ended: its events, in time order. */
  private release(): void {
    const held = this.unordered;
    if (!held) return;
    this.unordered = null;
    for (const ev of sortByTime(held)) this.emit(ev);
  }

  private feed(chunk: Buffer): void {
    if (this.array) this.array.push(this.decoder.decode(chunk, { stream: true }));
    else this.lines.push(chunk);
  }

  private newSplitter(): ByteLineSplitter {
    return new ByteLineSplitter((b, s, e, n) => this.parser.pushBytes(b, s, e, n), () => this.parser.noteNoiseTime());
  }

  private newArray(doc: DocumentExport | null): JsonDocumentSplitter {
    this.doc = doc;
    if (doc?.unordered) this.unordered = [];
    return new JsonDocumentSplitter((json, line, n, doc) => {
      const o = json === null ? null : recordObject(json, doc);
      const u = o ? unwrapJsonObject(o) : null;
      this.parser.pushUnwrapped(u ?? { envelope: 'plain', text: json ?? '', t: NaN }, line, n);
    }, undefined, doc?.stream ? doc : null);
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

/**
 * The encoding a byte order mark at the start names: UTF-16 (little or big endian), false for
 * anything else, null while a single byte cannot tell yet.
 */
function utf16Bom(b: Buffer): 'utf-16le' | 'utf-16be' | false | null {
  if (b.length === 0) return null;
  if (b.length === 1) return b[0] === 0xff || b[0] === 0xfe ? null : false;
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return false;
}
