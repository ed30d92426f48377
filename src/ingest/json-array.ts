// `gcloud logging read --format=json` writes one pretty-printed JSON array, not one object a line.
// This splits the array into its top-level objects as the bytes arrive, counting physical lines so
// that every line of the file belongs to exactly one record.

const isBlank = (b: number | undefined) => b === 32 || b === 9 || b === 10 || b === 13;

/** `[` then `{` or `]` (blanks between): true; anything else: false; null while only `[` and blanks were seen. */
export function jsonArrayStart(bytes: Uint8Array): boolean | null {
  let i = 0;
  while (i < bytes.length && isBlank(bytes[i])) i++;
  if (i >= bytes.length) return null;
  if (bytes[i] !== 0x5b) return false;
  i++;
  while (i < bytes.length && isBlank(bytes[i])) i++;
  if (i >= bytes.length) return null;
  return bytes[i] === 0x7b || bytes[i] === 0x5d;
}

export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private buf: string[] = [];
  private size = 0;
  private line = 1;
  private recordStart = 0;
  private linesBefore = 1; // the physical line the next record's accounting starts at
  private overflow = false;

  constructor(private readonly onObject: (json: string | null, startLine: number, lines: number) => void, private readonly maxChars = 1 << 22) {}

  push(s: string): void {
    // An object that began in an earlier chunk continues from the start of this one.
    let segStart = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.depth > 0) {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === 92) this.escape = true;
          else if (c === 34) this.inString = false;
        } else if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          this.depth--;
          if (this.depth === 0) {
            this.append(s.slice(segStart, i + 1));
            segStart = -1;
            this.finishObject();
          }
        }
      } else if (c === 123) {
        this.depth = 1;
        this.recordStart = this.line;
        segStart = i;
      }
    }
    if (this.depth > 0) this.append(s.slice(segStart < 0 ? 0 : segStart));
    if (s.length > 0) this.endsWithNewline = s.charCodeAt(s.length - 1) === 10;
  }

  /** End of input: the last record absorbs the closing bracket's lines; a cut object is reported as null. */
  end(): void {
    const total = this.endsWithNewline ? this.line - 1 : this.line;
    const p = this.pendingEmit;
    this.pendingEmit = null;
    if (this.depth > 0) {
      if (p) {
        this.onObject(p.json, p.from, this.recordStart - p.from);
        this.linesBefore = this.recordStart;
      }
      this.onObject(null, this.linesBefore, total - this.linesBefore + 1);
    } else if (p) {
      this.onObject(p.json, p.from, total - p.from + 1);
    } else if (total >= 1) {
      this.onObject(null, 1, total);
    }
  }

  private endsWithNewline = false;

  // An object is emitted when the next one starts (or at the end), so that lines between two
  // objects (commas, brackets) are counted with the object before them. A record's reported line
  // is the first physical line it covers (the opening `[` for the first one), so the records'
  // line ranges tile the file with no gap and no overlap.
  private pendingEmit: { json: string | null; from: number } | null = null;

  private finishObject(): void {
    const json = this.overflow ? null : this.buf.join('');
    this.buf = [];
    this.size = 0;
    this.overflow = false;
    if (this.pendingEmit) {
      const p = this.pendingEmit;
      this.onObject(p.json, p.from, this.recordStart - p.from);
      this.linesBefore = this.recordStart;
    }
    this.pendingEmit = { json, from: this.linesBefore };
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
