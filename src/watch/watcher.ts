// `hubsleuth watch` as a library: live inputs → the same parsers and correlator as `analyze` →
// alerts the moment they can be known → a summary when it ends (end of input or stop()).
import type { Readable } from 'node:stream';
import type { HubEvent } from '../core/model/events.js';
import type { Zone } from '../core/time.js';
import { envelopeHub } from '../core/hub-name.js';
import { kubeLogPath } from '../core/kube-log-path.js';
import { LiveSource } from './source.js';
import { FileFollower } from './follow.js';
import { SinceStartGate } from './gate.js';
import { humanLine, ndjsonLine, withFolded, withoutHub, type WatchAlert } from './alerts.js';
import { WatchedHub } from './hub.js';
import { AlertFolder } from './fold.js';
import { summaryParagraph, type EndReason } from './summary.js';
import type { Alert } from '../core/model/alerts.js';
import type { Input } from '../ingest/sources.js';
import { newRun, streamEvents, type PipelineRun } from '../source/pipeline.js';

export interface WatchOptions {
  format: 'text' | 'ndjson';
  sinceStart: boolean;
  /** Log time after which a user's deletion state is forgotten (see docs/watch-alerts.md). */
  forgetAfterMs: number;
  zone: Zone;
  /** Display zone of human lines. */
  tz?: string;
  /** Writes one alert line; false when the reader is behind (then `drained` says when to go on). */
  write: (s: string) => boolean | void;
  drained?: () => Promise<void>;
  /** Like refusals of one user within this much log time are folded into one alert; 0: none. */
  everyMs: number;
  note: (s: string) => void;
  /** An input that could not be read (the others are still watched; the exit code says so). */
  error?: (s: string) => void;
  idleMs?: number;
  pollMs?: number;
}

// --since-start: the backlog has been read when the input has been quiet this long, or when a line
// stamped within CATCHUP_RECENT_MS of the wall clock arrives (a busy hub is never quiet for a second).
const CATCHUP_QUIET_MS = 1_000;
const CATCHUP_RECENT_MS = 60_000;
// Pruning walks the correlator's per-user state: cheap, but not needed for every event.
const PRUNE_EVERY_EVENTS = 5_000;
// How often folded alerts are checked for having waited --every of wall-clock time.
const FOLD_CHECK_MS = 1_000;

export class Watcher {
  /** One per hub the envelopes name ('' for records that name none): no alert mixes two hubs' lines. */
  private readonly hubs = new Map<string, WatchedHub>();
  private lastSource: string | null = null;
  private sourceHub: string | null = null;
  /** Hubs that have written a log record (a stray unparsed line makes no hub). */
  private writing = 0;
  private readonly gate: SinceStartGate;
  private readonly folder: AlertFolder;
  private readonly foldTimer: NodeJS.Timeout;
  /** While the output is behind: resolves when it has drained (or the watch stops). */
  private behind: Promise<void> | null = null;
  private readonly sources: LiveSource[] = [];
  private readonly finished: PipelineRun[] = [];
  private readonly followers: FileFollower[] = [];
  private readonly streams: Readable[] = [];
  private readonly running: Promise<void>[] = [];
  private readonly counts = new Map<Alert['kind'], number>();
  private pushed = 0;
  private lastInputAt = Date.now();
  private catchupTimer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();
  private stopping: EndReason | null = null;
  private wakeStop: (() => void) | null = null;
  /** Ends reads that wait for input (a named pipe with no writer yet) when stop() is called. */
  private readonly reading = new AbortController();
  private release: (() => void) | null = null;

  constructor(private readonly opts: WatchOptions) {
    const everyMs = opts.everyMs;
    this.folder = new AlertFolder(everyMs, (w, n, since) => this.emit(withFolded(w, n, since, opts.tz)));
    this.gate = new SinceStartGate(opts.sinceStart, (w) => this.folder.offer(w));
    this.foldTimer = setInterval(() => this.folder.due(), Math.min(FOLD_CHECK_MS, Math.max(everyMs, 100)));
    this.foldTimer.unref();
    if (opts.sinceStart) {
      this.catchupTimer = setInterval(() => {
        if (Date.now() - this.lastInputAt >= CATCHUP_QUIET_MS) this.caughtUp();
      }, 100);
    }
  }

  /** Reads a byte stream (standard input, a file read once) until it ends. */
  addStream(name: string, stream: Readable): void {
    const src = this.newSource(name);
    this.streams.push(stream);
    this.running.push((async () => {
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          this.lastInputAt = Date.now();
          src.chunk(chunk);
          if (this.behind) await this.behind;
        }
      } catch (e) {
        if (!this.stopping) this.opts.note(`${name}: ${(e as Error).message}; stopped reading it`);
      }
      src.end(this.stopping === null);
    })());
  }

  /**
   * Reads finished files (not followed) through the same source stage as `analyze`: merged by time
   * across files, JSON array exports put in time order, gzip read, so that watch and analyze tell
   * the same story of the same logs.
   */
  addInputs(inputs: Input[]): void {
    if (inputs.length === 0) return;
    const run = newRun();
    this.finished.push(run);
    this.running.push((async () => {
      for await (const batch of streamEvents(inputs, { zone: this.opts.zone, mode: 'needed', sorted: true, signal: this.reading.signal }, run)) {
        this.lastInputAt = Date.now();
        for (const ev of batch) {
          if (this.stopping) return;
          this.push(ev);
        }
        if (this.behind) await this.behind;
      }
      for (const e of run.errors) (this.opts.error ?? this.opts.note)(e.message);
    })());
  }

  /** Follows a file by name like `tail -F` until stop(). */
  addFollow(path: string): void {
    const src = this.newSource(path);
    const f = new FileFollower(path, {
      chunk: (b) => {
        this.lastInputAt = Date.now();
        src.chunk(b);
      },
      reset: (reason) => {
        this.opts.note(`${path}: ${reason === 'rotated' ? 'rotated (a new file has this name)' : 'truncated'}; reading it from the start`);
        src.restart();
      },
      note: (m) => this.opts.note(m),
      behind: () => this.behind,
    }, this.opts.pollMs);
    this.followers.push(f);
    // A followed file ends only with stop(): its loop ends then, and so does its source.
    this.running.push(f.done.then(() => src.end(false)));
  }

  /** Resolves when every input has ended or stop() was called, after the summary is written. */
  async run(): Promise<string> {
    const stopped = new Promise<void>((resolve) => {
      this.wakeStop = resolve;
    });
    await Promise.race([Promise.all(this.running), stopped]);
    const reason: EndReason = this.stopping ?? 'eof';
    this.stopping = reason;
    for (const f of this.followers) void f.stop();
    for (const s of this.streams) s.destroy();
    await Promise.all(this.running);
    if (this.catchupTimer) clearInterval(this.catchupTimer);
    for (const h of this.hubs.values()) h.correlator.finish();
    this.gate.caughtUp();
    clearInterval(this.foldTimer);
    this.folder.flush();
    return summaryParagraph({
      reason, elapsedMs: Date.now() - this.startedAt, sources: [...this.finished.flatMap((r) => r.stats), ...this.sources.map((s) => s.stats)], counts: this.counts,
      dropped: this.gate.dropped, folded: this.folder.folded, lastStartAt: this.gate.lastStartAt, openUsers: this.openUsers(),
      rotations: this.followers.reduce((n, f) => n + f.rotations, 0), truncations: this.followers.reduce((n, f) => n + f.truncations, 0),
      allowListSeen: [...this.hubs.values()].some((h) => h.allowListEvidence !== null), tz: this.opts.tz,
    });
  }

  /** SIGINT/SIGTERM: stop reading; run() then ends with the summary. */
  stop(reason: EndReason): void {
    if (this.stopping) return;
    this.stopping = reason;
    this.reading.abort();
    this.wakeStop?.();
    this.release?.();
  }

  private newSource(name: string): LiveSource {
    const src = new LiveSource(name, (ev) => this.push(ev), { zone: this.opts.zone, idleMs: this.opts.idleMs });
    this.sources.push(src);
    return src;
  }

  private push(ev: HubEvent): void {
    if (this.gate.catchingUp && Number.isFinite(ev.t) && Math.abs(Date.now() - ev.t) <= CATCHUP_RECENT_MS) this.caughtUp();
    // Inputs are pushed as they arrive: one live stream is in time order; several followed files
    // interleave as they are written, which is time order to within a poll.
    const hub = this.hubOf(ev);
    if (!hub.wrote && ev.shape !== 'none') {
      hub.wrote = true;
      this.writing++;
    }
    hub.push(ev);
    if (++this.pushed % PRUNE_EVERY_EVENTS === 0) for (const h of this.hubs.values()) h.correlator.prune(this.opts.forgetAfterMs);
  }

  /** The hub the event's envelope, or the node's log file it was read from, names; else the one default hub. */
  private hubOf(ev: HubEvent): WatchedHub {
    if (ev.source !== this.lastSource) {
      this.lastSource = ev.source;
      this.sourceHub = kubeLogPath(ev.source)?.namespace ?? null;
    }
    let name = envelopeHub(ev) ?? this.sourceHub;
    let key = name ?? '';
    let h = this.hubs.get(key);
    // A Kubernetes Event names the namespace of the pod it is about, which no hub's records may
    // name (`kubectl logs -f` names none): it goes to that namespace's hub, else to the only hub,
    // else to the one default hub.
    if (!h && ev.kind === 'k8s-event') {
      if (this.hubs.size === 1) h = this.hubs.values().next().value;
      name = null;
      key = '';
      h ??= this.hubs.get(key);
    }
    if (!h) this.hubs.set(key, (h = new WatchedHub(name, (w) => this.gate.offer(w), this.opts.tz)));
    return h;
  }

  /** Users still locked out; with several hubs, each named with its hub (one user name may be two people). */
  private openUsers(): string[] {
    const hubs = [...this.hubs.values()];
    if (hubs.length === 1) return hubs[0].correlator.openUsers();
    return hubs.flatMap((h) => h.correlator.openUsers().map((u) => (h.name === null ? u : `${u} (${h.name})`)));
  }

  private emit(named: WatchAlert): void {
    // A watch of one hub writes what it always wrote; once two are seen, every alert names its own.
    const w = this.writing > 1 ? named : withoutHub(named);
    this.counts.set(w.kind, (this.counts.get(w.kind) ?? 0) + 1);
    // One write per alert: a pipe reader (chat hook, `jq`) gets it at once, never half a line.
    const ok = this.opts.write(this.opts.format === 'ndjson' ? ndjsonLine(w) : humanLine(w, this.opts.tz));
    if (ok === false && this.opts.drained && !this.behind && !this.stopping) {
      this.behind = new Promise<void>((resolve) => {
        this.release = resolve;
        void this.opts.drained!().then(resolve);
      }).then(() => {
        this.behind = null;
        this.release = null;
      });
    }
  }

  private caughtUp(): void {
    if (this.catchupTimer) clearInterval(this.catchupTimer);
    this.catchupTimer = null;
    this.gate.caughtUp();
  }
}
