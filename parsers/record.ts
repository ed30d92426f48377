// Physical lines of one source → records → events. Envelope first (per line: one stream may mix
// them), partial pieces joined, then the line shape, 4-space continuation lines joined to their
// record, and last the message. A line that is no record (a pasted prompt, a fence, a blank line)
// is named with the rules of ./artifacts/ and ./assembly/paste-context.ts. Every physical line ends
// up in exactly one event (or in the counters, in `needed` mode), so nothing is dropped.
import type { EnvelopeKind, HubEvent } from '../src/core/model/events.js';
import { unwrap } from './envelopes/index.js';
import type { Unwrapped } from './envelopes/types.js';
import type { Prefixed } from './shapes/types.js';
import { continuesRecord, parseShape } from './shapes/index.js';
import { MESSAGE_PARSERS, type Fields } from './messages/index.js';
import { artifactOf } from './artifacts/index.js';
import { PasteContext } from './assembly/paste-context.js';
import { stripAnsi } from '../src/core/text.js';
import { scrubSecrets } from './secrets.js';
import { naiveDateTime, UTC, type Zone } from '../src/core/time.js';
import { innerStart, isCriPartial, isNoiseRecord } from './noise.js';
import { messageNeeded, requestNeeded } from './needles.js';
import type { SourceStats } from '../src/core/model/inputs.js';


export interface RecordParserOptions {
  zone?: Zone;
  /**
   * `all`: every record becomes an event (for `events`). `needed`: only what the correlator uses
   * becomes an event; the rest is counted. Access noise is rejected by substring checks before any regex.
   */
  mode?: 'all' | 'needed';
  /**
   * With `needed`: lines that are not noise are handed here as bytes instead of being parsed and
   * counted (a worker thread filters, the main thread parses what it forwards).
   */
  forward?: (b: Buffer, s: number, e: number, lineNo: number) => void;
}

interface Pending {
  line: number;
  lines: number;
  u: Unwrapped;
  p: Prefixed | null;
  text: string;
  extra: string[] | null;
}

const MAX_RECORD_CHARS = 1 << 20;

export class RecordParser {
  readonly stats: SourceStats;
  private readonly zone: Zone;
  private readonly all: boolean;
  private pending: Pending | null = null;
  private pieces = new Map<string, { line: number; lines: number; parts: string[]; size: number; first: Unwrapped }>();
  // `needed` mode: the last record was noise counted from its bytes; its continuations are counted too.
  private skipping = false;
  private noiseLine: { b: Buffer; s: number; o: number } | null = null;
  private readonly context = new PasteContext();

  constructor(readonly source: string, private readonly emit: (ev: HubEvent) => void, opts: RecordParserOptions = {}) {
    this.zone = opts.zone ?? UTC;
    this.all = (opts.mode ?? 'all') === 'all';
    this.forward = this.all ? undefined : opts.forward;
    this.stats = { source, lines: 0, parsed: 0, artifacts: 0, fragments: 0, unparsed: 0, first: NaN, last: NaN, envelopes: {}, shapes: {} };
  }

  /** One physical line (no line terminator), numbered from 1 within the source. */
  push(raw: string, lineNo: number): void {
    this.stats.lines++;
    const u = unwrap(raw);
    if (u.partial || this.pieces.size > 0) {
      const joined = this.joinPieces(u, lineNo);
      if (!joined) return;
      this.logical(joined.u, joined.line, joined.lines);
      return;
    }
    this.logical(u, lineNo, 1);
  }

  /**
   * One physical line as bytes. In `needed` mode a noise record (DEBUG, 2xx/3xx access without a
   * needle) is recognised from its bytes and only counted; everything else is decoded (UTF-8, bad
   * bytes replaced) and parsed as usual.
   */
  pushBytes(b: Buffer, s: number, e: number, lineNo: number): void {
    if (!this.all && this.pieces.size === 0 && !this.forwardNext) {
      const o = b[s] === 32 ? s : innerStart(b, s, e);
      if (o >= 0) {
        if (b[o] === 32) {
          if (this.skipping && b[o + 1] === 32 && b[o + 2] === 32 && b[o + 3] === 32) {
            this.countNoise(o === s ? 'plain' : b[o - 2] === 70 ? 'cri' : 'kubectl-timestamps');
            return;
          }
        } else if (isNoiseRecord(b, o, e)) {
          this.finish();
          this.skipping = true;
          this.noiseLine = { b, s, o };
          if (!Number.isFinite(this.stats.first)) this.noteNoiseTime();
          this.countNoise(o === s ? 'plain' : b[o - 2] === 70 ? 'cri' : 'kubectl-timestamps');
          return;
        }
      }
    }
    this.skipping = false;
    if (this.forward) {
      // The piece after a CRI `P` piece belongs to it, whatever it looks like.
      this.forwardNext = isCriPartial(b, s, e);
      this.forward(b, s, e, lineNo);
      return;
    }
    this.push(b.toString('utf8', s, e), lineNo);
  }

  private forwardNext = false;
  private readonly forward: RecordParserOptions['forward'];

  /** Called at the end of each chunk: the last noise line read updates the source's time range. */
  noteNoiseTime(): void {
    const n = this.noiseLine;
    if (!n) return;
    this.noiseLine = null;
    let t: number;
    if (n.o === n.s) t = this.zone(naiveDateTime(n.b.toString('latin1', n.o + 3, n.o + 22), 0)) + Number(n.b.toString('latin1', n.o + 23, n.o + 26));
    else t = Date.parse(n.b.toString('latin1', n.s, n.b.indexOf(32, n.s)));
    if (!Number.isFinite(t)) return;
    const st = this.stats;
    if (!(t >= st.first)) st.first = t;
    if (!(t <= st.last)) st.last = t;
  }

  private countNoise(envelope: EnvelopeKind): void {
    const st = this.stats;
    st.lines++;
    st.parsed++;
    st.shapes.jupyterhub = (st.shapes.jupyterhub ?? 0) + 1;
    st.envelopes[envelope] = (st.envelopes[envelope] ?? 0) + 1;
  }

  /** A record the caller already unwrapped (an element of a JSON array export). */
  pushUnwrapped(u: Unwrapped, lineNo: number, physicalLines: number): void {
    this.stats.lines += physicalLines;
    if (u.text.trim() !== '') {
      this.logical(u, lineNo, physicalLines);
      return;
    }
    // An element with no log text (a cut object, an array's brackets) is no blank line of a paste.
    this.finish();
    this.pending = { line: lineNo, lines: physicalLines, u, p: null, text: u.text, extra: null };
    this.finish();
  }

  /** Ends the current record (end of input, or a pause in a live stream). */
  flush(): void {
    for (const [key, p] of this.pieces) {
      this.pieces.delete(key);
      // Input ended inside a partial line: emit what arrived, keeping the first piece's envelope.
      this.logical({ ...p.first, text: p.parts.join(''), partial: false }, p.line, p.lines);
    }
    this.finish();
  }

  private joinPieces(u: Unwrapped, lineNo: number): { u: Unwrapped; line: number; lines: number } | null {
    const key = `${u.envelope}|${u.pod ?? ''}|${u.container ?? ''}|${u.stream ?? ''}`;
    let acc = this.pieces.get(key);
    if (!acc) {
      if (!u.partial) return { u, line: lineNo, lines: 1 };
      acc = { line: lineNo, lines: 0, parts: [], size: 0, first: u };
      this.pieces.set(key, acc);
    }
    acc.lines++;
    if (acc.size < MAX_RECORD_CHARS) {
      acc.parts.push(u.text);
      acc.size += u.text.length;
    }
    if (u.partial) return null;
    this.pieces.delete(key);
    // The record began when its first piece was written: that piece's time (and line) is the record's.
    return { u: { ...u, text: acc.parts.join(''), t: Number.isFinite(acc.first.t) ? acc.first.t : u.t }, line: acc.line, lines: acc.lines };
  }

  private logical(u: Unwrapped, line: number, lines: number): void {
    const text = stripAnsi(u.text);
    const env = this.stats.envelopes;
    env[u.envelope] = (env[u.envelope] ?? 0) + lines;
    const pend = this.pending;
    if (pend && pend.p && continuesRecord(text, pend.p.shape) && samePlace(pend.u, u)) {
      pend.lines += lines;
      if (this.all || pend.text.length < MAX_RECORD_CHARS) (pend.extra ??= []).push(text);
      return;
    }
    this.finish();
    const p = parseShape(text, this.zone);
    if (p) {
      this.context.record(false);
    } else {
      const kind = artifactOf(text, u.envelope !== 'plain') ?? this.context.placed(text, u.envelope === 'markdown');
      if (kind) {
        this.context.saw(kind, text);
        this.artifact(u, text, line, lines, kind);
        return;
      }
    }
    this.pending = { line, lines, u, p, text, extra: null };
  }

  private artifact(u: Unwrapped, text: string, line: number, lines: number, artifact: string): void {
    this.stats.artifacts += lines;
    if (!this.all) return;
    // A pasted command or a quoted request header can carry a token as well as a log line can.
    const clean = scrubSecrets(text);
    this.emit({
      source: this.source, line, lines, t: NaN, lt: NaN, shape: 'none', envelope: u.envelope, pod: u.pod, container: u.container,
      raw: clean, text: clean, kind: 'paste-artifact', artifact,
    });
  }

  private finish(): void {
    const r = this.pending;
    if (!r) return;
    this.pending = null;
    const s = this.stats;
    const t = Number.isFinite(r.u.t) ? r.u.t : r.p ? r.p.t : NaN;
    if (Number.isFinite(t)) {
      if (!(t >= s.first)) s.first = t;
      if (!(t <= s.last)) s.last = t;
    }
    if (!r.p) {
      s.unparsed += r.lines;
      s.shapes.none = (s.shapes.none ?? 0) + r.lines;
      this.emitEvent(r, t, { kind: 'unparsed' }, r.text);
      return;
    }
    s.parsed += r.lines;
    s.shapes[r.p.shape] = (s.shapes[r.p.shape] ?? 0) + r.lines;
    const msg = r.extra ? r.p.msg + '\n' + r.extra.join('\n') : r.p.msg;
    if (!this.all && !messageNeeded(r.p.level, msg)) return;
    // Scrub before the message parsers so that no field (an 0.8 access line's query or redirect
    // target, a tornado error's message) can carry a secret that the text no longer shows.
    const clean = scrubSecrets(msg);
    let fields: Fields | null = null;
    for (const mp of MESSAGE_PARSERS) {
      fields = mp.parse(clean, r.p);
      if (fields) break;
    }
    if (!fields) {
      if (!this.all) return;
      fields = { kind: 'message', logger: r.p.logger, module: r.p.module };
    } else if (!this.all && fields.kind === 'access' && !requestNeeded(fields.status, fields.method, fields.path, fields.user !== null)) {
      return;
    }
    this.emitEvent(r, t, fields, clean);
  }

  /** `text` is the message with secrets already replaced. */
  private emitEvent(r: Pending, t: number, fields: Fields, text: string): void {
    const ev = {
      source: this.source, line: r.line, lines: r.lines, t, lt: r.p ? r.p.t : NaN, level: r.p?.level, shape: r.p?.shape ?? 'none',
      envelope: r.u.envelope, pod: r.u.pod, container: r.u.container, text, raw: '', ...fields,
    } as HubEvent;
    // The message is the tail of the line and the prefix carries no secret: scrub the message once.
    // Mostly nothing was scrubbed and nothing joined: then the line itself is the raw text.
    if (r.p) ev.raw = text === r.p.msg && !r.extra ? r.text : r.text.slice(0, r.text.length - r.p.msg.length) + text;
    else ev.text = ev.raw = scrubSecrets(r.extra ? r.text + '\n' + r.extra.join('\n') : r.text);
    this.emit(ev);
  }
}

function samePlace(a: Unwrapped, b: Unwrapped): boolean {
  return a.envelope === b.envelope && a.pod === b.pod && a.container === b.container && a.stream === b.stream;
}
