// Output side of the simulation: records are queued by time (actions emit lines that happen
// later, e.g. a server stop finishing seconds after it began), then written in time order once
// no earlier line can still appear. Truth hooks fire with the physical line number actually
// written, so the truth always describes the bytes on disk.
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { wrap, type EnvelopeName, type Stream } from './envelope.js';
import type { Clock } from './clock.js';

export interface Rec {
  t: number; // ms since epoch (may carry a fraction)
  seq: number;
  text: string; // may contain '\n' + 4-space continuation lines
  stream: Stream;
  hook?: (line: number, t: number) => void;
}

/** Binary min-heap on (t, seq): stable for equal times. */
export class Heap<T extends { t: number; seq: number }> {
  private a: T[] = [];
  get size() { return this.a.length; }
  peek(): T | undefined { return this.a[0]; }
  private less(x: T, y: T) { return x.t < y.t || (x.t === y.t && x.seq < y.seq); }
  push(v: T) {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

export interface OutOptions {
  envelope: EnvelopeName;
  /** stop accepting lines once this many bytes were produced (approximate --size) */
  maxBytes?: number;
  /** stop accepting lines once this many were produced (approximate --lines) */
  maxLines?: number;
  /** records retimed as they are written (bench/lib/clock.ts) */
  clock?: Clock;
  /** only write records with t in [from, to) (sample slices) */
  window?: [number, number];
  /** called for every container line written (samples keep them to re-wrap in other envelopes) */
  tap?: (line: string, stream: Stream, ns: bigint) => void;
}

export class Out {
  private q = new Heap<Rec>();
  private seq = 0;
  private buf: string[] = [];
  private bufLen = 0;
  private lastNs = 0n;
  bytes = 0;
  lines = 0;
  full = false;
  constructor(private sink: Writable | null, private opt: OutOptions, private subNs: () => number) {}

  emit(t: number, text: string, stream: Stream = 'stderr', hook?: Rec['hook']) {
    this.q.push({ t, seq: this.seq++, text, stream, hook });
  }

  /** Write every queued record earlier than t (all of them when t is Infinity). */
  async flushBefore(t: number) {
    for (let r = this.q.peek(); r && r.t < t && !this.full; r = this.q.peek()) {
      this.q.pop();
      this.write(r);
      if (this.bufLen >= 1 << 20) await this.drain();
    }
  }

  private write(r: Rec) {
    const w = this.opt.window;
    if (w && (r.t < w[0] || r.t >= w[1])) return;
    // The runtime stamps when it read the line: at or after the in-line time, never going back.
    const c = this.opt.clock;
    let ns = BigInt(Math.floor(c ? c.t(r.t) : r.t)) * 1000000n + BigInt(this.subNs());
    if (ns <= this.lastNs) ns = this.lastNs + 1000n;
    this.lastNs = ns;
    r.hook?.(this.lines + 1, r.t);
    for (const phys of (c ? c.text(r.text, r.t) : r.text).split('\n')) {
      this.opt.tap?.(phys, r.stream, ns);
      for (const o of wrap(this.opt.envelope, phys, r.stream, ns)) {
        this.buf.push(o, '\n');
        this.bufLen += o.length + 1;
        this.bytes += Buffer.byteLength(o) + 1;
        this.lines++;
      }
    }
    if (this.opt.maxBytes !== undefined && this.bytes >= this.opt.maxBytes) this.full = true;
    if (this.opt.maxLines !== undefined && this.lines >= this.opt.maxLines) this.full = true;
  }

  /** Hand the buffered text to the sink, waiting for 'drain' (backpressure). */
  async drain() {
    if (!this.bufLen) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.bufLen = 0;
    if (this.sink && !this.sink.write(chunk)) await once(this.sink, 'drain');
  }

  async end() {
    await this.flushBefore(Infinity);
    await this.drain();
  }
}
