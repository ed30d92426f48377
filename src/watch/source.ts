// One live input: bytes → lines → records → events, like `analyze`, plus the one thing a stream that
// never ends needs: RecordParser holds the last record back until the next line shows whether it has
// continuation lines, so when the input goes quiet we end that record ourselves (`flush()`), and the
// alert it triggers goes out within IDLE_FLUSH_MS instead of waiting for the next log line.
import type { HubEvent } from '../core/model/events.js';
import { RecordParser } from '../../parsers/record.js';
import type { Zone } from '../core/time.js';
import { ByteLineSplitter } from '../ingest/bytes.js';
import type { SourceStats } from '../core/model/inputs.js';

/** Quiet time after which the held-back record is ended. Tracebacks arrive in one write, well within it. */
const IDLE_FLUSH_MS = 150;

export class LiveSource {
  readonly parser: RecordParser;
  private lines: ByteLineSplitter;
  private timer: NodeJS.Timeout | null = null;
  private ended = false;
  /** Bytes read, for the summary. */
  bytes = 0;

  constructor(readonly name: string, emit: (ev: HubEvent) => void, private readonly opts: { zone: Zone; idleMs?: number }) {
    this.parser = new RecordParser(name, emit, { zone: opts.zone, mode: 'needed' });
    this.lines = this.newSplitter();
  }

  get stats(): SourceStats {
    return this.parser.stats;
  }

  chunk(b: Uint8Array): void {
    if (this.ended) return;
    this.bytes += b.length;
    this.lines.push(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    this.arm();
  }

  /**
   * The file was rotated or truncated: what follows is a new file, numbered from line 1 again so
   * that `sed -n <line>p <file>` shows the evidence in the file that now has that name.
   */
  restart(): void {
    this.lines.end();
    this.parser.flush();
    this.lines = this.newSplitter();
  }

  /** End of input. With `partialLine` false (a signal), a half-written last line is not parsed. */
  end(partialLine = true): void {
    if (this.ended) return;
    this.ended = true;
    this.disarm();
    if (partialLine) this.lines.end();
    this.parser.flush();
  }

  private newSplitter(): ByteLineSplitter {
    return new ByteLineSplitter((b, s, e, n) => this.parser.pushBytes(b, s, e, n), () => this.parser.noteNoiseTime());
  }

  private arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.ended) return;
      this.parser.flush();
    }, this.opts.idleMs ?? IDLE_FLUSH_MS);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
