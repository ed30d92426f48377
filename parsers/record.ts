// Physical lines of one source → records → events. Envelope first (per line: one stream may mix
// them), partial pieces joined, then the line shape, continuation lines joined to their record, and
// last the message. What a paste puts around and inside the records is undone here with the rules
// of ./assembly/ (block indentation, wrapped lines, blank lines inside a record, stripped
// tracebacks, a paste that starts inside a record) and named with those of ./artifacts/. Every
// physical line ends up in exactly one event (or in the counters, in `needed` mode), so nothing is
// dropped.
import type { EnvelopeKind, HubEvent } from '../src/core/model/events.js';
import { unwrap } from './envelopes/index.js';
import type { Unwrapped, YearlessStamp } from './envelopes/types.js';
import type { KubeEvent } from './envelopes/kube-event.js';
import type { Prefixed } from './shapes/types.js';
import { continuesRecord, followingRecord, parseShape } from './shapes/index.js';
import { MESSAGE_PARSERS, type Fields, type MessageParser } from './messages/index.js';
import { artifactOf } from './artifacts/index.js';
import { stripAnsi } from '../src/core/text.js';
import { scrubSecrets } from './secrets.js';
import { naiveDateTime, UTC, type Zone } from '../src/core/time.js';
import { innerStart, isCriPartial, isNoiseRecord } from './noise.js';
import { messageNeeded, requestNeeded } from './needles.js';
import type { SourceStats } from '../src/core/model/inputs.js';
import { KeyBlock } from './assembly/key-block.js';
import { BlockIndent, leadingSpace } from './assembly/indent.js';
import { endsWithWrapMark, joinHardWrap } from './assembly/hard-wrap.js';
import { atTerminalWidth, canContinueRow } from './assembly/soft-wrap.js';
import { indentedTraceback, strippedTraceback, type TracebackState } from './assembly/traceback.js';
import { continuationLike } from './assembly/fragment.js';
import { Years } from './assembly/year.js';
import { PasteContext } from './assembly/paste-context.js';
import { fusedRecord } from './assembly/prose-fused.js';
import { emptyFirstLine, templateSecondLine, wrappedAtSpace } from './assembly/lost-indent.js';
import { BlankLines } from './assembly/blank-lines.js';
import { LikelyEnvelopes } from './assembly/likely-envelopes.js';
import { envelopeHub } from '../src/core/hub-name.js';

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
  /** The record's prefix and message, read from `text`; null when no shape read it. */
  p: Prefixed | null;
  /** The record's first line as the input shows it inside its envelope (wrapped pieces rejoined). */
  text: string;
  extra: string[] | null;
  /** Continuation lines whose record began before the input did. */
  fragment: boolean;
  /** The last physical line can be a terminal-wrapped piece (./assembly/soft-wrap.ts). */
  wrapWidth: boolean;
  /** The last physical line was a k9s row that ran up to the border. */
  full: boolean;
  tb: TracebackState;
  /** The time of day a log viewer printed before the record's first line (`13:45:27`). */
  viewer: string | null;
}

/** How a line goes into the pending record: as a further line, or appended to its last line. */
interface Continuation {
  join: boolean;
  text: string;
  tb?: TracebackState;
}

/** An event waiting for its year (./assembly/year.ts), and everything emitted after it. */
interface Held {
  ev: HubEvent;
  stamp: YearlessStamp | null;
}

const MAX_RECORD_CHARS = 1 << 20;
// Events wait this long for a dated record to tell their year, then go out without a time.
const MAX_HELD = 10_000;

export class RecordParser {
  readonly stats: SourceStats;
  /**
   * Once a line's envelope names a hub (a namespace, a host): the same counts per hub it names,
   * `''` for lines that name none, so that an input holding several hubs can be reported as each
   * of them read alone. Empty while no line has named one.
   */
  readonly hubs = new Map<string, SourceStats>();
  private readonly zone: Zone;
  private readonly all: boolean;
  private pending: Pending | null = null;
  private pieces = new Map<string, { line: number; lines: number; parts: string[]; size: number; first: Unwrapped }>();
  // `needed` mode: the last record was noise counted from its bytes; its continuations are counted too.
  private skipping = false;
  // Blank lines after a noise record, not yet known to be inside it or between records.
  private skippedBlanks = 0;
  private noiseLine: { b: Buffer; s: number; o: number } | null = null;
  private readonly indent = new BlockIndent();
  private readonly context = new PasteContext();
  private readonly blanks = new BlankLines();
  private readonly likely = new LikelyEnvelopes();
  private readonly keys = new KeyBlock();
  private readonly years: Years;
  private held: Held[] = [];
  /** The longest line read so far (a terminal-wrapped piece is as long as the longest line). */
  private widest = 0;
  private lastLine = 0;
  private shapedText: string | null = null;
  private shaped: Prefixed | null = null;

  constructor(readonly source: string, private readonly emit: (ev: HubEvent) => void, opts: RecordParserOptions = {}) {
    this.zone = opts.zone ?? UTC;
    this.years = new Years(this.zone);
    this.all = (opts.mode ?? 'all') === 'all';
    this.forward = this.all ? undefined : opts.forward;
    this.stats = emptyStats(source);
  }

  /** The counts of the hub a line names besides the input's, or null while no line has named one. */
  private part(hub: string | null): SourceStats | null {
    if (this.hubs.size === 0) {
      if (hub === null) return null;
      // Every line so far named none.
      const st = this.stats;
      this.hubs.set('', { ...st, envelopes: { ...st.envelopes }, shapes: { ...st.shapes } });
    }
    const key = hub ?? '';
    let p = this.hubs.get(key);
    if (!p) this.hubs.set(key, (p = emptyStats(this.source)));
    return p;
  }

  /** One physical line (no line terminator), numbered from 1 within the source. */
  push(raw: string, lineNo: number): void {
    // Lines in between were counted from their bytes (noise, read here or by a worker): the record ended.
    if (lineNo !== this.lastLine + 1) this.endRecord();
    this.lastLine = lineNo;
    const copied = this.indent.strip(raw);
    let u = unwrap(copied);
    if (u.likely !== undefined) u = this.likely.check(u, copied, this.zone);
    // The hub's counts first: the first line to name one is not among the lines before it.
    const part = this.part(envelopeHub(u));
    this.stats.lines++;
    if (part) part.lines++;
    if (u.partial || this.pieces.size > 0) {
      const joined = this.joinPieces(u, lineNo);
      if (!joined) return;
      this.logical(joined.u, joined.line, joined.lines, copied.length, copied);
      return;
    }
    this.logical(u, lineNo, 1, copied.length, copied);
  }

  /**
   * One physical line as bytes. In `needed` mode a noise record (DEBUG, 2xx/3xx access without a
   * needle) is recognised from its bytes and only counted; everything else is decoded (UTF-8, bad
   * bytes replaced) and parsed as usual.
   */
  pushBytes(b: Buffer, s: number, e: number, lineNo: number): void {
    if (!this.all && this.pieces.size === 0 && !this.forwardNext) {
      if (this.skipping && isBlankAt(b, s, e)) {
        this.skippedBlanks++;
        this.blanks.saw(true, lineNo);
        return;
      }
      const o = b[s] === 32 ? s : innerStart(b, s, e);
      if (o >= 0) {
        if (b[o] === 32) {
          if (this.skipping && b[o + 1] === 32 && b[o + 2] === 32 && b[o + 3] === 32) {
            if (this.skippedBlanks > 0) this.countSkippedBlanks(true);
            this.countNoise(o === s ? 'plain' : b[o - 2] === 70 ? 'cri' : 'kubectl-timestamps');
            return;
          }
        } else if (isNoiseRecord(b, o, e)) {
          if (this.skippedBlanks > 0) this.countSkippedBlanks(false);
          this.endRecord();
          this.blanks.saw(false, lineNo);
          this.skipping = true;
          this.noiseLine = { b, s, o };
          if (!Number.isFinite(this.stats.first)) this.noteNoiseTime();
          this.countNoise(o === s ? 'plain' : b[o - 2] === 70 ? 'cri' : 'kubectl-timestamps');
          return;
        }
      }
      if (this.skippedBlanks > 0) this.countSkippedBlanks(false);
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
    if (Number.isFinite(t)) this.noteTime(t, this.part(null));
  }

  // Once per noise line, most of the input: no list of counts to loop over while no line named a hub.
  private countNoise(envelope: EnvelopeKind): void {
    addNoise(this.stats, envelope);
    if (this.hubs.size !== 0) addNoise(this.part(null)!, envelope);
  }


  /**
   * Blank lines after a noise record: inside it when a continuation line follows (`inRecord`),
   * else between records. (A single blank line that ends a multi-line noise record is counted as
   * the paste's here, where `events` would give it to the record: a count, never an event.)
   */
  private countSkippedBlanks(inRecord: boolean): void {
    const n = this.skippedBlanks;
    this.skippedBlanks = 0;
    addSkippedBlanks(this.stats, n, inRecord);
    const part = this.part(null);
    if (part) addSkippedBlanks(part, n, inRecord);
  }

  /** A record the caller already unwrapped (an element of a JSON array export). */
  pushUnwrapped(u: Unwrapped, lineNo: number, physicalLines: number): void {
    const part = this.part(envelopeHub(u));
    this.stats.lines += physicalLines;
    if (part) part.lines += physicalLines;
    this.lastLine = lineNo + physicalLines - 1;
    if (u.text.trim() !== '') {
      this.logical(u, lineNo, physicalLines, u.text.length, null);
      return;
    }
    // An element with no log text (a cut object, an array's brackets) is no blank line of a paste.
    this.endRecord();
    this.pending = pendingRecord(lineNo, physicalLines, u, null, u.text, false, false, 'none', null);
    this.finish();
  }

  /** Ends the current record (end of input, or a pause in a live stream). */
  flush(): void {
    for (const [key, p] of this.pieces) {
      this.pieces.delete(key);
      // Input ended inside a partial line: emit what arrived, keeping the first piece's envelope.
      this.logical({ ...p.first, text: p.parts.join(''), partial: false }, p.line, p.lines, 0, null);
    }
    if (this.skippedBlanks > 0) this.countSkippedBlanks(false);
    this.endRecord();
    this.release();
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

  /** One logical line: `width` is its length as copied, `copied` the line before its envelope came off. */
  private logical(u: Unwrapped, line: number, lines: number, width: number, copied: string | null): void {
    if (u.k8s !== undefined) {
      this.kubeEvent(u, u.k8s, line, lines);
      return;
    }
    const text = stripAnsi(u.text);
    const part = this.part(envelopeHub(u));
    addEnvelope(this.stats, u.envelope, lines);
    if (part) addEnvelope(part, u.envelope, lines);
    const widest = this.widest;
    if (width > widest) this.widest = width;
    const blank = text.trim() === '';
    this.blanks.saw(blank, line);
    const pend = this.pending;
    if (blank) {
      // tornado indents an empty line of a message too: four spaces and nothing else.
      if (pend && !this.blanks.holding && text.startsWith('    ') && !pend.fragment && samePlace(pend.u, u)) {
        this.addLine(pend, { join: false, text }, u, lines, width, widest);
      } else if (pend && !this.blanks.full) {
        this.blanks.hold({ line, lines, u, text });
      } else {
        if (pend) this.endRecord();
        this.artifact(u, text, line, lines, 'blank');
      }
      return;
    }
    if (pend) {
      const c = this.continuation(pend, u, text);
      if (c) {
        if (this.blanks.holding) this.takeBlanks(pend);
        this.addLine(pend, c, u, lines, width, widest);
        return;
      }
      if (this.blanks.holding && this.blanks.endsRecord(pend.extra !== null && !pend.fragment, this.shapeOf(text) !== null)) this.takeBlanks(pend);
    }
    const prev = pend && samePlace(pend.u, u) ? pend.p : null;
    this.endRecord();
    this.start(u, text, line, lines, width, widest, copied, prev);
  }

  /** The line shape of `text`: a line is asked more than once (does it start a record? which?), read once. */
  private shapeOf(text: string): Prefixed | null {
    if (text !== this.shapedText) {
      this.shapedText = text;
      this.shaped = parseShape(text, this.zone);
    }
    return this.shaped;
  }

  /** How `text` continues the pending record, or null when it does not. */
  private continuation(pend: Pending, u: Unwrapped, text: string): Continuation | null {
    const same = samePlace(pend.u, u);
    if (same && pend.fragment) return continuationLike(text) ? { join: false, text } : null;
    if (same && pend.p) {
      if (continuesRecord(text, pend.p.shape)) return { join: false, text, tb: indentedTraceback(pend.tb, text) };
      // Only an error's record logs a traceback (logging's exception(), exc_info on a warning).
      const tb = pend.p.level === 'E' || pend.p.level === 'C' || pend.p.level === 'W' ? strippedTraceback(pend.tb, text) : null;
      if (tb) return { join: false, text, tb };
    }
    // A traceback printed by Python itself (no log prefix): its lines, by the traceback's grammar.
    if (same && (!pend.p || pend.p.shape === 'none') && pend.tb !== 'none' && pend.tb !== 'done') {
      const tb = text.charCodeAt(0) === 32 ? indentedTraceback(pend.tb, text) : strippedTraceback(pend.tb, text);
      if (tb) return { join: false, text, tb };
    }
    // A log viewer prints the record's time of day before each of its lines.
    if (pend.viewer !== null && u.envelope === 'plain' && text.startsWith(pend.viewer) && text.charCodeAt(8) === 32) {
      return { join: false, text: text.slice(9) };
    }
    // The pieces of a wrapped line are never apart, and each begins no record of its own.
    if (this.blanks.holding || pend.fragment || u.writer !== undefined || this.shapeOf(text)) return null;
    // Continuation lines that lost their indentation, where the record proves they are its own (./assembly/lost-indent.ts).
    if (pend.p && pend.p.shape !== 'none') {
      if (same && emptyFirstLine(pend.p.msg) && artifactOf(text, false) === null) return { join: false, text };
      if (pend.extra === null && templateSecondLine(pend.p.msg, text)) return { join: false, text };
      if (pend.extra === null && wrappedAtSpace(pend.p.msg, text)) {
        // The piece lost the block's indentation, not its place in the block.
        this.indent.resume();
        return { join: true, text: `${pend.text.trimEnd()} ${text.trim()}` };
      }
    }
    const last = pend.extra ? pend.extra[pend.extra.length - 1] : pend.text;
    if (endsWithWrapMark(last)) return { join: true, text: joinHardWrap(last, text) };
    if (pend.full && same && u.envelope === 'k9s' && !text.startsWith('    ')) return { join: true, text: last + text };
    if (pend.wrapWidth && u.envelope === 'plain' && canContinueRow(text) && pend.p && artifactOf(text, false) === null && !this.readsAsEvent(pend)) {
      return { join: true, text: last + text };
    }
    return null;
  }

  private addLine(pend: Pending, c: Continuation, u: Unwrapped, lines: number, width: number, widest: number): void {
    pend.lines += lines;
    pend.full = u.full === true;
    pend.wrapWidth = atTerminalWidth(width, widest);
    if (c.tb) pend.tb = c.tb;
    if (!c.join) {
      if (this.all || pend.text.length < MAX_RECORD_CHARS) (pend.extra ??= []).push(c.text);
    } else if (pend.extra) {
      pend.extra[pend.extra.length - 1] = c.text;
    } else {
      // The first line grew: its message is read again (the prefix is the same).
      pend.text = c.text;
      pend.p = parseShape(c.text, this.zone) ?? pend.p;
    }
  }

  /** Whether the pending record already reads as a known event (then no wrapped piece is joined to it). */
  private readsAsEvent(pend: Pending): boolean {
    const p = pend.p!;
    const clean = scrubSecrets(pend.extra ? p.msg + '\n' + pend.extra.join('\n') : p.msg);
    const f = parseMessage(clean, p);
    return f !== null && f.kind !== 'message';
  }

  /** A line that continues no record: a new record, a paste artefact, a fragment, or a line not understood. */
  private start(u: Unwrapped, text: string, line: number, lines: number, width: number, widest: number, copied: string | null, prev: Prefixed | null): void {
    const zone = this.zone;
    let p = this.shapeOf(text);
    if (!p && u.envelope === 'plain' && (text.charCodeAt(0) === 32 || text.charCodeAt(0) === 9)) {
      // The first line of an indented block (./assembly/indent.ts).
      const ws = leadingSpace(text);
      let inner = unwrap(text.slice(ws.length));
      if (inner.likely !== undefined) inner = this.likely.check(inner, text.slice(ws.length), zone);
      const innerText = stripAnsi(inner.text);
      const q = parseShape(innerText, zone);
      if (q) {
        this.indent.open(ws);
        p = q;
      }
      // An indented line of an envelope is that envelope's, record or not (a paste that starts
      // with a continuation line): only a record proves the block, though.
      if (q || inner.envelope !== 'plain') {
        u = inner;
        text = innerText;
        width -= ws.length;
      }
    }
    let fused = false;
    if (!p) {
      p = fusedRecord(text, zone);
      fused = p !== null;
    }
    // What a paste put there (a prompt, a fence) is never a record, even after one whose writer prints unprefixed lines.
    const pasted = p ? null : artifactOf(text, u.envelope !== 'plain');
    if (!p && !pasted && prev) p = followingRecord(text, prev);
    const wrapWidth = atTerminalWidth(width, widest);
    if (p) {
      this.context.record(copied !== null && u.envelope === 'markdown' && (copied.startsWith('```') || copied.startsWith('~~~')), fused);
      const viewer = u.envelope === 'viewer-time' && copied !== null ? copied.slice(0, 8) : null;
      this.pending = pendingRecord(line, lines, u, p, text, false, wrapWidth, 'none', viewer);
      return;
    }
    const kind = pasted ?? this.context.placed(text, u.envelope === 'markdown');
    if (kind) {
      this.context.saw(kind, text);
      this.artifact(u, text, line, lines, kind);
      return;
    }
    const fragment = continuationLike(text);
    // A line an envelope says a program wrote is a record of that program, read or not.
    const foreign: Prefixed | null = !fragment && u.writer !== undefined ? { shape: 'none', t: NaN, logger: u.writer, msg: text } : null;
    this.pending = pendingRecord(line, lines, u, foreign, text, fragment, wrapWidth, strippedTraceback('none', text) ?? 'none', null);
  }

  /**
   * A Kubernetes Event: a record of its own, read already, and no log line of the hub (no line
   * shape, no hub it names: it is about a pod, not written by one, so the hubs are told apart as
   * before). Its namespace is that of what it is about.
   */
  private kubeEvent(u: Unwrapped, k: KubeEvent, line: number, lines: number): void {
    this.endRecord();
    this.blanks.saw(false, line);
    const part = this.part(null);
    addEnvelope(this.stats, u.envelope, lines);
    addParsed(this.stats, 'none', lines);
    if (part) {
      addEnvelope(part, u.envelope, lines);
      addParsed(part, 'none', lines);
    }
    if (Number.isFinite(u.t)) this.noteTime(u.t, part);
    const text = scrubSecrets(u.text);
    this.out({
      source: this.source, line, lines, t: u.t, lt: u.t, shape: 'none', envelope: u.envelope, ...(k.namespace !== null ? { namespace: k.namespace } : {}),
      raw: text, text, kind: 'k8s-event', eventType: k.eventType, reason: k.reason, object: k.object, podName: k.podName, user: k.user,
      message: scrubSecrets(k.message), count: k.count,
    }, null);
  }

  /** Ends the pending record and places the blank lines held after it. */
  private endRecord(): void {
    this.finish();
    if (this.blanks.holding) for (const b of this.blanks.release()) this.artifact(b.u, b.text, b.line, b.lines, 'blank');
  }

  /** The held blank lines are the pending record's. */
  private takeBlanks(pend: Pending): void {
    for (const b of this.blanks.release()) {
      pend.lines += b.lines;
      if (this.all || pend.text.length < MAX_RECORD_CHARS) (pend.extra ??= []).push(b.text);
    }
  }

  private artifact(u: Unwrapped, text: string, line: number, lines: number, artifact: string): void {
    const part = this.part(envelopeHub(u));
    this.stats.artifacts += lines;
    if (part) part.artifacts += lines;
    if (!this.all) return;
    // A pasted command or a quoted request header can carry a token as well as a log line can.
    const clean = scrubSecrets(text);
    this.out({
      source: this.source, line, lines, t: NaN, lt: NaN, shape: 'none', envelope: u.envelope, pod: u.pod, container: u.container,
      raw: clean, text: clean, kind: 'paste-artifact', artifact,
    }, null);
  }

  private finish(): void {
    const r = this.pending;
    if (!r) return;
    this.pending = null;
    const s = this.stats;
    const part = this.part(envelopeHub(r.u));
    if (r.fragment) {
      s.fragments += r.lines;
      if (part) part.fragments += r.lines;
      if (this.all) this.emitEvent(r, NaN, null, { kind: 'fragment' }, r.text);
      return;
    }
    // A dated record tells the year of the syslog stamps around it.
    if (r.p && Number.isFinite(r.p.t)) this.learnYear(r.p.t);
    let t = r.u.t;
    let waiting: YearlessStamp | null = null;
    if (!Number.isFinite(t) && r.u.stamp) {
      t = this.years.date(r.u.stamp);
      if (!this.years.known) waiting = r.u.stamp;
    } else if (!Number.isFinite(t) && r.p) t = r.p.t;
    if (Number.isFinite(t)) this.noteTime(t, part);
    if (!r.p) {
      addUnparsed(s, r.lines);
      if (part) addUnparsed(part, r.lines);
      this.emitEvent(r, t, waiting, { kind: 'unparsed' }, r.text);
      return;
    }
    addParsed(s, r.p.shape, r.lines);
    if (part) addParsed(part, r.p.shape, r.lines);
    const msg = r.extra ? r.p.msg + '\n' + r.extra.join('\n') : r.p.msg;
    // A message the parsers know may be followed by lines they do not (an indented blank line, a
    // dump, a traceback): then it is read by its first line, and the continuation stays in its text.
    const byFirstLine = r.extra !== null;
    if (!this.all && !messageNeeded(r.p.level, msg) && !(byFirstLine && messageNeeded(r.p.level, r.p.msg))) return;
    // Scrub before the message parsers so that no field (an 0.8 access line's query or redirect
    // target, a tornado error's message) can carry a secret that the text no longer shows.
    const clean = scrubSecrets(msg);
    // A one-line record that ran up to a k9s box's border and was not continued in the next row
    // was cut there: the message parsers may read what is left of it.
    const p = r.full && r.extra === null ? { ...r.p, cut: true } : r.p;
    let fields = parseMessage(clean, p);
    if (!fields && byFirstLine) fields = parseMessage(scrubSecrets(r.p.msg), r.p);
    if (!fields) {
      if (!this.all) return;
      fields = { kind: 'message', logger: r.p.logger, module: r.p.module };
    } else if (!this.all && fields.kind === 'access' && !requestNeeded(fields.status, fields.method, fields.path, fields.user !== null)) {
      return;
    }
    this.emitEvent(r, t, waiting, fields, clean);
  }

  private noteTime(t: number, part: SourceStats | null): void {
    addTime(this.stats, t);
    if (part) addTime(part, t);
  }

  /** `text` is the message with secrets already replaced. */
  private emitEvent(r: Pending, t: number, waiting: YearlessStamp | null, fields: Fields | { kind: 'fragment' | 'unparsed' }, text: string): void {
    const ev = {
      source: this.source, line: r.line, lines: r.lines, t, lt: r.p ? r.p.t : NaN, level: r.p?.level, shape: r.p?.shape ?? 'none',
      envelope: r.u.envelope, pod: r.u.pod, container: r.u.container, namespace: r.u.namespace, host: r.u.host, text, raw: '', ...fields,
    } as HubEvent;
    // The message is the tail of the line and the prefix carries no secret: scrub the message once.
    // Mostly nothing was scrubbed and nothing joined: then the line itself is the raw text.
    if (r.p) ev.raw = text === r.p.msg && !r.extra ? r.text : r.text.slice(0, r.text.length - r.p.msg.length) + text;
    else ev.text = ev.raw = scrubSecrets(r.extra ? r.text + '\n' + r.extra.join('\n') : r.text);
    this.out(ev, waiting);
  }

  /** Events leave in input order: behind one that waits for its year, every event waits. */
  private out(ev: HubEvent, waiting: YearlessStamp | null): void {
    this.keys.guard(ev);
    if (waiting === null && this.held.length === 0) {
      this.emit(ev);
      return;
    }
    this.held.push({ ev, stamp: waiting });
    if (this.held.length >= MAX_HELD) this.release();
  }

  private learnYear(t: number): void {
    const first = !this.years.known;
    this.years.learn(t);
    if (first && this.held.length > 0) this.release();
  }

  /** The waiting events go out, dated when a year is known by now. */
  private release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) {
      if (h.stamp) {
        h.ev.t = this.years.date(h.stamp);
        if (Number.isFinite(h.ev.t)) this.noteTime(h.ev.t, this.part(envelopeHub(h.ev)));
      }
      this.emit(h.ev);
    }
  }
}

// The counting helpers are called for the input's counts and again for the hub's part when
// lines name hubs: plain calls on the path every line takes, not a loop over a list of counts.
function addEnvelope(st: SourceStats, envelope: EnvelopeKind, lines: number): void {
  st.envelopes[envelope] = (st.envelopes[envelope] ?? 0) + lines;
}

function addParsed(st: SourceStats, shape: string, lines: number): void {
  st.parsed += lines;
  if (shape !== 'none') st.shapes[shape] = (st.shapes[shape] ?? 0) + lines;
}

function addTime(st: SourceStats, t: number): void {
  if (!(t >= st.first)) st.first = t;
  if (!(t <= st.last)) st.last = t;
}

function addUnparsed(st: SourceStats, lines: number): void {
  st.unparsed += lines;
  st.shapes.none = (st.shapes.none ?? 0) + lines;
}

function addSkippedBlanks(st: SourceStats, n: number, inRecord: boolean): void {
  st.lines += n;
  if (inRecord) {
    st.parsed += n;
    st.shapes.jupyterhub = (st.shapes.jupyterhub ?? 0) + n;
  } else st.artifacts += n;
  st.envelopes.plain = (st.envelopes.plain ?? 0) + n;
}

function addNoise(st: SourceStats, envelope: EnvelopeKind): void {
  st.lines++;
  st.parsed++;
  st.shapes.jupyterhub = (st.shapes.jupyterhub ?? 0) + 1;
  st.envelopes[envelope] = (st.envelopes[envelope] ?? 0) + 1;
}

function emptyStats(source: string): SourceStats {
  return { source, lines: 0, parsed: 0, artifacts: 0, fragments: 0, unparsed: 0, first: NaN, last: NaN, envelopes: {}, shapes: {} };
}

/** Every pending record has the same fields in the same order (one object shape for the engine). */
function pendingRecord(
  line: number, lines: number, u: Unwrapped, p: Prefixed | null, text: string, fragment: boolean, wrapWidth: boolean, tb: TracebackState, viewer: string | null,
): Pending {
  return { line, lines, u, p, text, extra: null, fragment, wrapWidth, full: u.full === true, tb, viewer };
}

function samePlace(a: Unwrapped, b: Unwrapped): boolean {
  return a.envelope === b.envelope && a.pod === b.pod && a.container === b.container && a.stream === b.stream;
}

function isBlankAt(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] !== 32 && b[i] !== 9 && b[i] !== 13) return false;
  return true;
}

/** The first message parser's reading of a message, or null. */
function parseMessage(msg: string, p: Parameters<MessageParser['parse']>[1]): Fields | null {
  for (const mp of MESSAGE_PARSERS) {
    const fields = mp.parse(msg, p);
    if (fields) return fields;
  }
  return null;
}
