// Whole-document JSON exports (parsers/envelopes/documents/): `gcloud logging read --format=json`
// writes one pretty-printed array, `aws logs filter-log-events` an object with an `events` array,
// an Elasticsearch `_search` answer its hits under `hits.hits`. This finds the array of records by
// its path and splits it into its elements as the bytes arrive, counting physical lines so that
// every line of the file belongs to exactly one record. Records written one after another with no
// array around them (`kubectl get events -o json --watch`) are a stream: each top-level value is one.
import { DOCUMENT_EXPORTS } from '../../parsers/envelopes/documents/index.js';
import { unwrapJsonObject } from '../../parsers/envelopes/json/index.js';
import type { DocumentExport } from '../../parsers/envelopes/types.js';

const isBlank = (b: number | undefined) => b === 32 || b === 9 || b === 10 || b === 13;

/** A container the splitter is in, outside the records: its key in its parent, and whether its elements are records. */
interface Frame {
  obj: boolean;
  key: string | null;
  records: DocumentExport | null;
}

const MAX_KEY = 256;

function exportAt(path: readonly (string | null)[]): DocumentExport | null {
  return DOCUMENT_EXPORTS.find((d) => !d.stream && d.path.length === path.length && d.path.every((k, i) => k === path[i])) ?? null;
}

const STREAM = DOCUMENT_EXPORTS.find((d) => d.stream) ?? null;

/** Where the JSON value that starts at `from` ends (the index after it), or -1 when it goes on past `s`. */
function valueEnd(s: string, from: number): number {
  let depth = 0;
  let inString = false;
  let escape = false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (escape) escape = false;
      else if (c === 92) escape = true;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Pretty-printed records one after another: the first value spans lines (one a line is read line
 * by line, as JSON lines) and is a record one of the JSON exports reads. False when it is not.
 */
function streamStart(s: string, from: number, end: number): DocumentExport | false {
  if (!STREAM || from < 0 || end < 0) return false;
  const first = s.slice(from, end);
  if (!first.includes('\n')) return false;
  let o: unknown;
  try {
    o = JSON.parse(first);
  } catch {
    return false;
  }
  return o && typeof o === 'object' && !Array.isArray(o) && unwrapJsonObject(o as Record<string, unknown>) ? STREAM : false;
}

/**
 * Which document export the bytes begin, told from the front of the input: the export, false
 * (a line log, or one JSON object per line), or null while the bytes seen cannot tell yet.
 * A top-level array must hold objects (`[` then `{` or `]`): a hub line starts with `[I 2025…`.
 */
export function documentStart(bytes: Uint8Array): DocumentExport | false | null {
  let i = 0;
  while (i < bytes.length && isBlank(bytes[i])) i++;
  if (i >= bytes.length) return null;
  if (bytes[i] === 0x5b) {
    i++;
    while (i < bytes.length && isBlank(bytes[i])) i++;
    if (i >= bytes.length) return null;
    return bytes[i] === 0x7b || bytes[i] === 0x5d ? exportAt([]) ?? false : false;
  }
  if (bytes[i] !== 0x7b) return false;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const probe = new JsonDocumentSplitter(() => {}, 1);
  probe.push(text);
  if (probe.found) return probe.found;
  if (!probe.topClosed) return null;
  const from = text.indexOf('{');
  return streamStart(text, from, valueEnd(text, from));
}

type OnRecord = (json: string | null, startLine: number, lines: number, doc: DocumentExport | null) => void;

export class JsonDocumentSplitter {
  // Outside the records: where we are, by container.
  private stack: Frame[] = [];
  private inString = false;
  private escape = false;
  private str = '';
  private key: string | null = null;
  /** The first records array found. */
  found: DocumentExport | null = null;
  /** A top-level value ended before any records array opened. */
  topClosed = false;
  private doc: DocumentExport | null = null;

  // Inside a record.
  private depth = 0;
  private rString = false;
  private rEscape = false;
  private buf: string[] = [];
  private size = 0;
  private overflow = false;

  private line = 1;
  private recordStart = 0;
  private linesBefore = 1; // the physical line the next record's accounting starts at

  /** With a `stream` export, every top-level value is a record of it. */
  constructor(private readonly onRecord: OnRecord, private readonly maxChars = 1 << 22, stream: DocumentExport | null = null) {
    if (stream) {
      this.stack.push({ obj: false, key: null, records: stream });
      this.found = stream;
    }
  }

  push(s: string): void {
    // A record that began in an earlier chunk continues from the start of this one.
    let segStart = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.depth > 0) {
        if (this.rString) {
          if (this.rEscape) this.rEscape = false;
          else if (c === 92) this.rEscape = true;
          else if (c === 34) this.rString = false;
        } else if (c === 34) this.rString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          this.depth--;
          if (this.depth === 0) {
            this.append(s.slice(segStart, i + 1));
            segStart = -1;
            this.finishRecord();
          }
        }
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) this.inString = false;
        else if (this.str.length < MAX_KEY) this.str += s[i];
        continue;
      }
      if (isBlank(c)) continue;
      const top = this.stack[this.stack.length - 1];
      if (top?.records && (c === 123 || c === 91)) {
        this.depth = 1;
        this.doc = top.records;
        this.recordStart = this.line;
        segStart = i;
        continue;
      }
      this.outside(c, top);
    }
    if (this.depth > 0) this.append(s.slice(segStart < 0 ? 0 : segStart));
    if (s.length > 0) this.endsWithNewline = s.charCodeAt(s.length - 1) === 10;
  }

  /** One character of the document outside the records: keys, containers, their ends. */
  private outside(c: number, top: Frame | undefined): void {
    if (c === 34) {
      this.inString = true;
      this.str = '';
    } else if (c === 58) {
      this.key = this.str;
    } else if (c === 44) {
      this.key = null;
    } else if (c === 123 || c === 91) {
      const key = top?.obj ? this.key : null;
      // The path from the top: each container's key in its parent (null inside an array).
      const records = c === 91 ? exportAt(this.stack.length === 0 ? [] : [...this.stack.slice(1).map((f) => f.key), key]) : null;
      this.stack.push({ obj: c === 123, key, records });
      this.key = null;
      if (records && !this.found) this.found = records;
    } else if (c === 125 || c === 93) {
      this.stack.pop();
      if (this.stack.length === 0 && !this.found) this.topClosed = true;
    }
  }

  /**
   * A stream gone quiet: the record that ended is passed on now instead of when the next one starts
   * (once its line has ended; the lines after it then go with the next record).
   */
  flushPending(): void {
    const p = this.pendingEmit;
    if (!p || this.depth > 0 || !this.endsWithNewline) return;
    this.pendingEmit = null;
    this.onRecord(p.json, p.from, this.line - p.from, p.doc);
    this.linesBefore = this.line;
  }

  /** End of input: the last record absorbs the closing lines; a cut record is reported as null. */
  end(): void {
    const total = this.endsWithNewline ? this.line - 1 : this.line;
    const p = this.pendingEmit;
    this.pendingEmit = null;
    if (this.depth > 0) {
      if (p) {
        this.onRecord(p.json, p.from, this.recordStart - p.from, p.doc);
        this.linesBefore = this.recordStart;
      }
      this.onRecord(null, this.linesBefore, total - this.linesBefore + 1, this.doc);
    } else if (p) {
      this.onRecord(p.json, p.from, total - p.from + 1, p.doc);
    } else if (total >= this.linesBefore) {
      this.onRecord(null, this.linesBefore, total - this.linesBefore + 1, null);
    }
  }

  private endsWithNewline = false;

  // A record is emitted when the next one starts (or at the end), so that lines between two
  // records (commas, brackets, the keys around the array) are counted with the record before
  // them. A record's reported line is the first physical line it covers (line 1 for the first
  // one), so the records' line ranges tile the file with no gap and no overlap.
  private pendingEmit: { json: string | null; from: number; doc: DocumentExport | null } | null = null;

  private finishRecord(): void {
    const json = this.overflow ? null : this.buf.join('');
    this.buf = [];
    this.size = 0;
    this.overflow = false;
    if (this.pendingEmit) {
      const p = this.pendingEmit;
      this.onRecord(p.json, p.from, this.recordStart - p.from, p.doc);
      this.linesBefore = this.recordStart;
    }
    this.pendingEmit = { json, from: this.linesBefore, doc: this.doc };
  }

  private append(s: string): void {
    if (this.overflow) return;
    this.size += s.length;
    if (this.size > this.maxChars) {
      this.overflow = true;
      this.buf = [];
      return;
    }
    this.buf.push(s);
  }
}
