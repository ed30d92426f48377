// Bytes → physical lines. UTF-8 with invalid bytes replaced (U+FFFD), LF, CRLF and bare CR all end
// a line. A line longer than MAX_LINE keeps its first MAX_LINE characters: memory stays bounded
// even for a 50 MB line, and the line is still counted once.

export const MAX_LINE = 1 << 20;

export class LineSplitter {
  private decoder = new TextDecoder('utf-8');
  private carryParts: string[] | null = null;
  private carryLen = 0;
  private lastWasCr = false;
  lineNo = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(chunk: Uint8Array): void {
    this.text(this.decoder.decode(chunk, { stream: true }));
  }

  end(): void {
    this.text(this.decoder.decode());
    const rest = this.takeCarry('');
    if (rest.length > 0) this.emit(rest);
  }

  private text(s: string): void {
    let start = 0;
    if (this.lastWasCr && s.charCodeAt(0) === 10) start = 1; // the LF of a CRLF split across chunks
    this.lastWasCr = false;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      let line = this.carryLen > 0 ? this.takeCarry(s.slice(start, nl)) : s.slice(start, nl);
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      this.emit(line);
      start = nl + 1;
    }
    if (start < s.length) {
      let tail = s.slice(start);
      if (tail.charCodeAt(tail.length - 1) === 13) {
        // A CR at the end of a chunk is a line end either way (CR-only or CRLF split across chunks).
        this.emit(this.takeCarry(tail.slice(0, -1)));
        this.lastWasCr = true;
        tail = '';
      }
      if (tail) this.addCarry(tail);
    }
  }

  private addCarry(s: string): void {
    if (this.carryLen >= MAX_LINE) return;
    (this.carryParts ??= []).push(s.length + this.carryLen > MAX_LINE ? s.slice(0, MAX_LINE - this.carryLen) : s);
    this.carryLen += s.length;
  }

  private takeCarry(last: string): string {
    if (this.carryLen === 0) return last;
    this.addCarry(last);
    const line = this.carryParts!.join('');
    this.carryParts = null;
    this.carryLen = 0;
    return line;
  }

  private emit(line: string): void {
    if (line.length > MAX_LINE) line = line.slice(0, MAX_LINE);
    if (line.indexOf('\r') < 0) {
      this.onLine(line, ++this.lineNo);
      return;
    }
    for (const piece of line.split('\r')) this.onLine(piece, ++this.lineNo);
  }
}
