// One live input: its bytes go through the same decoder as `analyze` (src/ingest/decode.ts), plus the
// one thing a stream that never ends needs: the parser holds the last record back until the next
// line shows whether it has continuation lines, so when the input goes quiet we end that record
// ourselves, and the alert it triggers goes out within IDLE_FLUSH_MS instead of waiting for the
// next log line. A JSON array export is never live and may be written newest first: its events
// are held and passed on in time order when it ends. Records written one after another (`kubectl
// get events -o json --watch`) are live: each goes on once the input goes quiet after it.
import type { HubEvent } from '../core/model/events.js';
import type { Zone } from '../core/time.js';
import type { SourceStats } from '../core/model/inputs.js';
import { InputDecoder } from '../ingest/decode.js';
import { sortByTime } from '../ingest/merge.js';

/** Quiet time after which the held-back record is ended. Tracebacks arrive in one write, well within it. */
const IDLE_FLUSH_MS = 150;

export class LiveSource {
  private readonly decoder: InputDecoder;
  private timer: NodeJS.Timeout | null = null;
  private ended = false;
  private held: HubEvent[] = [];
  /** Bytes read, for the summary. */
  bytes = 0;

  constructor(readonly name: string, private readonly emit: (ev: HubEvent) => void, private readonly opts: { zone: Zone; idleMs?: number }) {
    this.decoder = new InputDecoder(name, (ev) => (this.holds ? this.held.push(ev) : emit(ev)), { zone: opts.zone, mode: 'needed' });
  }

  /** A whole document, which is never live: its events wait for its end. */
  private get holds(): boolean {
    return this.decoder.isArray && !this.decoder.isStream;
  }

  get stats(): SourceStats {
    return this.decoder.stats;
  }

  chunk(b: Uint8Array): void {
    if (this.ended) return;
    this.bytes += b.length;
    this.decoder.push(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    this.arm();
  }

  /** The file was rotated or truncated: what follows is a new file, numbered from line 1 again. */
  restart(): void {
    this.release();
    this.decoder.restart();
  }

  /** End of input. With `partialLine` false (a signal), a half-written last line is not parsed. */
  end(partialLine = true): void {
    if (this.ended) return;
    this.ended = true;
    this.disarm();
    this.decoder.end(partialLine);
    this.release();
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const ev of sortByTime(held)) this.emit(ev);
  }

  private arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.ended || this.holds) return;
      this.decoder.flush();
    }, this.opts.idleMs ?? IDLE_FLUSH_MS);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
