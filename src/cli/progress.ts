// Progress of long runs on stderr: one line rewritten in place, only on a terminal (never in a
// pipe or a file, never on stdout), and cleared before the report is printed.

const INTERVAL_MS = 250;

export class Progress {
  private readonly start = Date.now();
  private last = 0;
  private bytes = 0;
  private readonly perSource = new Map<string, { bytes: number; lines: number }>();
  private shown = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  static forTerminal(quiet: boolean | undefined): Progress | null {
    return !quiet && process.stderr.isTTY === true ? new Progress() : null;
  }

  private readonly partLines = new Map<string, number>();

  /** `lines` is the running count of one part of `source` (workers read big files in parts). */
  update = (source: string, bytes: number, lines: number, part = ''): void => {
    this.bytes += bytes;
    const s = this.perSource.get(source) ?? { bytes: 0, lines: 0 };
    s.bytes += bytes;
    const key = source + '\u0000' + part;
    s.lines += lines - (this.partLines.get(key) ?? 0);
    this.partLines.set(key, lines);
    this.perSource.set(source, s);
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.out.write('\r\x1b[K' + this.line(now));
    this.shown = true;
  };

  line(now = Date.now()): string {
    const secs = Math.max((now - this.start) / 1000, 0.001);
    const mb = this.bytes / 1e6;
    const lines = [...this.perSource.values()].reduce((n, s) => n + s.lines, 0);
    const files = [...this.perSource.entries()].slice(-2).map(([name, s]) => `${name.length > 40 ? '…' + name.slice(-39) : name} ${(s.bytes / 1e6).toFixed(0)} MB`);
    return `hubsleuth: ${mb.toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines, ${(mb / secs).toFixed(0)} MB/s, ${Math.round(lines / secs).toLocaleString('en-US')} lines/s — ${files.join(', ')}`;
  }

  done(): void {
    if (this.shown) this.out.write('\r\x1b[K');
  }
}
