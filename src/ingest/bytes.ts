// Bytes → physical lines, without decoding: lines are handed on as (buffer, start, end) so that the
// parser can count noise without ever making a string of it. LF, CRLF and bare CR end a line; a
// line split across chunks is joined; a line longer than MAX_LINE bytes keeps its first MAX_LINE.

export const MAX_LINE = 1 << 20;

export type ByteLineHandler = (b: Buffer, start: number, end: number, lineNo: number) => void;

export class ByteLineSplitter {
  private carry: Buffer[] = [];
  private carryLen = 0;
  lineNo = 0;

  constructor(private readonly onLine: ByteLineHandler, private readonly onChunkEnd?: () => void) {}

  push(chunk: Buffer): void {
    // The LF of a CRLF whose CR ended the previous chunk (that CR already ended the line).
    if (this.pendingCr && chunk[0] === 10) chunk = chunk.subarray(1);
    this.pendingCr = false;
    if (chunk.indexOf(13) >= 0) chunk = this.bareCrToLf(chunk);
    let start = 0;
    if (this.carryLen > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.addCarry(Buffer.from(chunk));
        return;
      }
      this.addCarry(chunk.subarray(0, nl));
      const line = Buffer.concat(this.carry);
      this.carry = [];
      this.carryLen = 0;
      this.emit(line, 0, line.length);
      start = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    // Copied: the stream may reuse its chunk buffers.
    if (start < chunk.length) this.addCarry(Buffer.from(chunk.subarray(start)));
    this.onChunkEnd?.();
  }

  end(): void {
    if (this.carryLen === 0) return;
    const line = Buffer.concat(this.carry);
    this.carry = [];
    this.carryLen = 0;
    this.emit(line, 0, line.length);
    this.onChunkEnd?.();
  }

  private pendingCr = false;

  /**
   * A bare CR (old Mac files, progress output) ends a line too: it becomes an LF in a copy of the
   * chunk (same length, so offsets hold). A CR before an LF stays and is stripped with the line end.
   */
  private bareCrToLf(chunk: Buffer): Buffer {
    const out = Buffer.from(chunk);
    for (let i = out.indexOf(13); i >= 0; i = out.indexOf(13, i + 1)) {
      if (i + 1 === out.length) {
        out[i] = 10;
        this.pendingCr = true;
      } else if (out[i + 1] !== 10) {
        out[i] = 10;
      }
    }
    return out;
  }

  private addCarry(b: Buffer): void {
    if (this.carryLen >= MAX_LINE) return;
    const take = b.length + this.carryLen > MAX_LINE ? b.subarray(0, MAX_LINE - this.carryLen) : b;
    this.carry.push(take);
    this.carryLen += take.length;
  }

  private emit(b: Buffer, s: number, e: number): void {
    if (e > s && b[e - 1] === 13) e--;
    if (e - s > MAX_LINE) e = s + MAX_LINE;
    this.onLine(b, s, e, ++this.lineNo);
  }
}
