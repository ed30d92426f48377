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
    let start = 0;
    if (this.carryLen > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.addCarry(chunk);
        return;
      }
      this.addCarry(chunk.subarray(0, nl));
      const line = Buffer.concat(this.carry);
      this.carry = [];
      this.carryLen = 0;
      this.emit(line, 0, line.length, line.indexOf(13) >= 0);
      start = nl + 1;
    }
    const hasCr = chunk.indexOf(13, start) >= 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.emit(chunk, start, nl, hasCr);
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
    this.emit(line, 0, line.length, line.indexOf(13) >= 0);
    this.onChunkEnd?.();
  }

  private addCarry(b: Buffer): void {
    if (this.carryLen >= MAX_LINE) return;
    const take = b.length + this.carryLen > MAX_LINE ? b.subarray(0, MAX_LINE - this.carryLen) : b;
    this.carry.push(take);
    this.carryLen += take.length;
  }

  private emit(b: Buffer, s: number, e: number, hasCr: boolean): void {
    if (e - s > MAX_LINE) e = s + MAX_LINE;
    if (hasCr) {
      if (e > s && b[e - 1] === 13) e--;
      let cr = b.indexOf(13, s);
      // A bare CR inside the line ends a line too (old Mac files, progress output).
      while (cr >= 0 && cr < e) {
        this.onLine(b, s, cr, ++this.lineNo);
        s = cr + 1;
        cr = b.indexOf(13, s);
      }
    }
    this.onLine(b, s, e, ++this.lineNo);
  }
}
