// One refused request, whatever its traces. A refusal is logged as up to three records, in this
// order: the reason line(s) of the component that refused, tornado's `web:` warning, and the access
// line when the request ends; a client of the hub API (the culler, a single-user server) logs its
// own error after the hub's lines. Any of them may be missing from the input. Traces close in time
// that fit together are one request; an access line claims, of the unclaimed requests logged while
// it ran that fit it, the earliest (first in, first out); a request no access line claims is a
// refusal on its own once no access line can come for it any more.
import type { CutAt, HubEvent } from '../core/model/events.js';
import type { Component } from '../core/model/report.js';
import { componentOf } from './components.js';
import { safeDecodeURIComponent } from '../core/text.js';

type AccessEvent = Extract<HubEvent, { kind: 'access' }>;
export type TraceEvent = Extract<HubEvent, { kind: 'login-refused' | 'login-failed' | 'request-refused' | 'http-error' }>;

export interface Trace {
  readonly ev: TraceEvent;
  readonly component: Component;
  /** The user a line printed right before this one, by the handler of the same request, names (a profile filter's print). */
  readonly before?: string;
}

/** The lines of one refused request: its access line, when the input has it, and its other traces in log order. */
export interface RequestLines {
  readonly access: AccessEvent | null;
  readonly traces: readonly Trace[];
}

interface Group {
  traces: Trace[];
}

interface Recent {
  lines: RequestLines;
  t: number;
  /** The access line names the culler. */
  culler: boolean;
  late: Set<string>;
}

// The request window is [access time - duration, access time]. On the hub's own clock both ends and
// the traces are truncated to the millisecond, hence 2 ms of rounding. The access line is written
// when the response is done, and a busy hub can take a while between the two: on a real JupyterHub
// under load a refusal came 14 ms before the start its access line implied, so a trace up to 250 ms
// early still fits, but only when none fits inside the window: a short request that began after
// another request's refusal was logged cannot carry it. Envelope times (kubelet, Loki…) add a
// collector delay that differs from line to line, so without in-line times allow more.
const LINE_ROUNDING_MS = 2;
const LINE_SLACK_MS = 250;
const ENVELOPE_SLACK_BEFORE_MS = 1_000;
const SLACK_AFTER_MS = 50;
// Traces of one request are written within milliseconds of each other.
const SAME_REQUEST_MS = 10;
// Except a form login's: between the authenticator's refusal of a name and `Failed login for` that
// name the hub may still await (its database, a hook), tens of milliseconds on a real hub.
const SAME_LOGIN_MS = 1_000;
// No refused request lasts this long: a request unclaimed for longer has no access line to come.
const LONE_AFTER_MS = 30_000;
// Without times, an access line and its traces are neighbours in their input.
const NEAR_LINES = 3;
// A client logs its error within a second or two of the hub's lines (the culler in whole seconds).
const LATE_BEFORE_MS = 2_000;
const LATE_AFTER_MS = 2_500;
const MAX_RECENT = 32;
const MAX_PENDING = 256;

const finite = (x: number) => Number.isFinite(x);

// What expire() gives back on almost every event: nothing, without a new array each time.
const NONE: readonly RequestLines[] = [];

/** Whether a culler request's path names `user` (its segments, as written or encoded). */
const pathNames = (path: string, user: string | null) => user === null || path.split('/').some((s) => s === user || s === encodeURIComponent(user));

/** Times of two events on the clock they share: the line's own when both have one, else the envelope's. */
function clock(a: HubEvent, b: HubEvent): [number, number, boolean] {
  if (finite(a.lt) && finite(b.lt)) return [a.lt, b.lt, true];
  return [a.t, b.t, false];
}

function near(a: HubEvent, b: HubEvent): boolean {
  return a.source === b.source && Math.abs(b.line - (a.line + a.lines)) <= NEAR_LINES;
}

/** Traces a client of the hub API logs after the hub's own lines of the same request. */
function lateKind(tr: Trace): string | null {
  const ev = tr.ev;
  // The server's answer to its user's request once the hub refused its token: the same refusal.
  if (ev.kind === 'http-error') return tr.component === 'singleuser' && ev.message.startsWith('Permission failure checking authorization') ? 'authorization-reply' : null;
  if (ev.kind !== 'request-refused') return null;
  if (ev.reason === 'culler') return 'culler';
  if (ev.reason === 'activity') return 'activity';
  if (ev.reason === 'token' && tr.component === 'singleuser' && /check authorization/.test(ev.detail ?? '')) return 'authorization';
  return null;
}

const samePath = (a: string, b: string) => a === b || safeDecodeURIComponent(a) === safeDecodeURIComponent(b);

/** Whether two lines can name one path: the same, or, when a line was cut inside its path, the path the other names begins with its piece. */
function pathsFit(a: { path: string; cut?: CutAt }, b: { path: string; cut?: CutAt }): boolean {
  if (a.cut === 'path' && b.path.startsWith(a.path)) return true;
  if (b.cut === 'path' && a.path.startsWith(b.path)) return true;
  return a.path === b.path;
}

function requestOf(tr: Trace): { status: number | null; method: string | null; path: string | null } {
  const ev = tr.ev;
  if (ev.kind === 'http-error') return ev;
  if (ev.kind === 'request-refused') return ev;
  return { status: null, method: null, path: null };
}

/** tornado's warning: it names the request exactly, so it is matched on its own. */
const isWeb = (tr: Trace) => tr.ev.kind === 'http-error';

/** Whether two traces, `b` after `a`, are written by one request: close in time, or neighbours without times. */
function together(a: HubEvent, b: HubEvent): boolean {
  const [ta, tb, line] = clock(a, b);
  return finite(ta) && finite(tb) ? Math.abs(tb - ta) <= (line ? SAME_REQUEST_MS : ENVELOPE_SLACK_BEFORE_MS) : near(a, b);
}

/** Whether `b` is the `Failed login for <name>` that ends the login `a` refused, on the hub's own clock. */
function endsLogin(a: HubEvent, b: HubEvent): boolean {
  if (b.kind !== 'login-failed' || b.user === null || (a.kind !== 'login-refused' && a.kind !== 'login-failed') || a.user !== b.user) return false;
  const [ta, tb, line] = clock(a, b);
  return line && tb >= ta && tb - ta <= SAME_LOGIN_MS;
}

/** Whether the requests the traces of `a` and `b` name can be one. */
function sameRequest(a: readonly Trace[], b: readonly Trace[]): boolean {
  for (const x of a) {
    const ra = requestOf(x);
    for (const y of b) {
      const rb = requestOf(y);
      if (ra.path !== null && rb.path !== null && !samePath(ra.path, rb.path)) return false;
      if (ra.method !== null && rb.method !== null && ra.method !== rb.method) return false;
      if (ra.status !== null && rb.status !== null && ra.status !== rb.status) return false;
    }
  }
  return true;
}

/** Whether reason line `b` can be a further line of the request whose reason lines so far are `g`. */
function joins(g: Group, b: Trace): boolean {
  const last = g.traces[g.traces.length - 1];
  // A client's error is a request of its own until an access line of the hub ties them together.
  if (isWeb(b) || isWeb(last) || lateKind(b) !== null || lateKind(last) !== null) return false;
  if (!(together(last.ev, b.ev) || endsLogin(last.ev, b.ev)) || !sameRequest(g.traces, [b])) return false;
  const ev = b.ev;
  if (ev.kind === 'login-failed' || ev.kind === 'login-refused') {
    // `Failed login for …` follows the refusal; a provider's line precedes the core one for the same user.
    return g.traces.every((t) => (t.ev.kind === 'login-refused' || t.ev.kind === 'login-failed')
      && (ev.user === null || t.ev.user === null || t.ev.user === ev.user));
  }
  // Two reason lines of one kind from one component are two requests (two blocked API calls).
  return ev.kind === 'request-refused' && g.traces.every((t) => t.ev.kind === 'request-refused' && !(t.ev.reason === ev.reason && t.component === b.component));
}

const loginPath = (p: string) => p.endsWith('/login') || p.endsWith('/oauth_callback') || p.includes('callback');

/** Whether the request path `p` is one this reason line can refuse, when the line names no path. */
function reasonPath(ev: Extract<HubEvent, { kind: 'request-refused' }>, component: Component, p: string): boolean {
  switch (ev.reason) {
    case 'oauth-state': return p.includes('callback');
    case 'server-access': return component !== 'hub' || p.includes('/oauth2/authorize');
    case 'activity': return p.endsWith('/activity');
    case 'service-api': return p.includes('/api/users');
    case 'proxy-api': return false;
    default: return true;
  }
}

/** Whether an access line can be the end of the request these traces began. */
function fits(a: AccessEvent, traces: readonly Trace[], isCuller: (name: string) => boolean): boolean {
  const component = componentOf(a);
  return traces.every((tr) => {
    const ev = tr.ev;
    // A client's error belongs to the hub's access line; every other trace to its own process's.
    if (lateKind(tr) === null && tr.component !== component) return false;
    switch (ev.kind) {
      case 'http-error': return ev.status === a.status && ev.method === a.method && pathsFit(ev, a) && (ev.ip === a.ip || ev.ip === '' || a.ip === '');
      case 'login-refused':
      case 'login-failed': return a.user === null && loginPath(a.path);
      default:
        if (ev.reason === 'culler') return a.user !== null && isCuller(a.user) && pathNames(a.path, ev.user);
        if (ev.status !== null && ev.status !== a.status) return false;
        if (ev.method !== null && ev.method !== a.method) return false;
        return ev.path !== null ? samePath(ev.path, a.path) : reasonPath(ev, tr.component, a.path);
    }
  });
}

export class RequestJoiner {
  private pending: Group[] = [];
  private recent: Recent[] = [];

  constructor(private readonly isCuller: (name: string) => boolean) {}

  /**
   * A reason line or `web:` warning. A client's error about a request whose hub lines came first
   * joins that refusal (already counted); any other trace waits for its access line.
   */
  add(ev: TraceEvent, before?: string): void {
    const tr: Trace = before === undefined ? { ev, component: componentOf(ev) } : { ev, component: componentOf(ev), before };
    const late = lateKind(tr);
    if (late !== null) {
      const r = this.recent.find((x) => !x.late.has(late) && this.lateFits(x, tr, late));
      if (r) {
        r.late.add(late);
        (r.lines.traces as Trace[]).push(tr);
        return;
      }
    }
    const open = this.pending[this.pending.length - 1];
    if (open && joins(open, tr)) open.traces.push(tr);
    else this.pending.push({ traces: [tr] });
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
  }

  /** The traces of the request this access line ends (none when no pending request fits it). */
  claim(a: AccessEvent): RequestLines {
    // A line cut before its duration is matched as a short request: its traces must come right
    // before it (with the slack below), the narrower reading.
    const duration = a.durationMs ?? 0;
    const during = (ev: HubEvent, lineSlack: number): boolean => {
      const [at, end, line] = clock(ev, a);
      if (!finite(at) || !finite(end)) return near(ev, a) && ev.line < a.line;
      // The culler's prefix has whole seconds, earlier than the hub's lines of the same request.
      if (ev.shape === 'idle-culler') return at >= end - duration - 1_000 - LATE_BEFORE_MS && at <= end + LATE_AFTER_MS;
      return at >= end - duration - (line ? lineSlack : ENVELOPE_SLACK_BEFORE_MS) && at <= end + SLACK_AFTER_MS;
    };
    // Of each kind of trace, the earliest pending one that fits (inside the window first): its process's reason lines, its
    // tornado warning, a client's error about it.
    // A claimed request leaves the pending list at once: nothing else may claim it.
    const take = (kind: (tr: Trace) => boolean) => {
      const fitting = (slack: number) => this.pending.findIndex((x) => kind(x.traces[0]) && during(x.traces[0].ev, slack) && fits(a, x.traces, this.isCuller));
      let k = fitting(LINE_ROUNDING_MS);
      if (k < 0) k = fitting(LINE_SLACK_MS);
      return k < 0 ? [] : this.pending.splice(k, 1)[0].traces;
    };
    const traces = [...take((t) => !isWeb(t) && lateKind(t) === null), ...take(isWeb), ...take((t) => lateKind(t) !== null)];
    return { access: a, traces };
  }

  /** A refusal recorded with its access line: a client's error may still come for it. */
  recorded(lines: RequestLines): void {
    const a = lines.access;
    if (!a) return;
    this.recent.push({ lines, t: a.t, culler: a.user !== null && this.isCuller(a.user), late: new Set(lines.traces.map(lateKind).filter((k) => k !== null)) });
    if (this.recent.length > MAX_RECENT) this.recent.shift();
  }

  /**
   * Requests no access line can claim any more, in log order: those begun more than the longest
   * request ago (`now`), or without times, further back in their input than a neighbour (`ev`).
   * All of them when `now` is Infinity (the input ended, or the hub restarted).
   */
  expire(now: number, ev?: HubEvent): readonly RequestLines[] {
    if (this.pending.length === 0) return NONE;
    const out: RequestLines[] = [];
    const keep: Group[] = [];
    for (const g of this.pending) {
      const first = g.traces[0].ev;
      const last = g.traces[g.traces.length - 1].ev;
      const old = now === Infinity || (finite(first.t) ? now - first.t > LONE_AFTER_MS
        : ev !== undefined && ev.source === last.source && ev.line > last.line + last.lines + NEAR_LINES);
      if (!old) {
        keep.push(g);
        continue;
      }
      // Without its access line, tornado's warning still belongs to the reason lines just before it.
      const prev = out[out.length - 1];
      const head = prev?.traces;
      if (isWeb(g.traces[0]) && head && !head.some(isWeb) && lateKind(head[0]) === null && together(head[head.length - 1].ev, first) && sameRequest(head, g.traces)) {
        (head as Trace[]).push(...g.traces);
      } else {
        out.push({ access: null, traces: [...g.traces] });
      }
    }
    this.pending = keep;
    return out;
  }

  private lateFits(r: Recent, tr: Trace, late: string): boolean {
    const a = r.lines.access!;
    const [ta, tb] = clock(a, tr.ev);
    if (!(tb - ta >= -LATE_BEFORE_MS && tb - ta <= LATE_AFTER_MS) && !(!finite(ta - tb) && near(a, tr.ev))) return false;
    const ev = tr.ev as Extract<HubEvent, { kind: 'request-refused' }>;
    if (late === 'culler') return r.culler && pathNames(a.path, ev.user);
    if (late === 'activity') return a.path.endsWith('/activity');
    return a.path.includes('/authorizations/') || a.path.endsWith('/hub/api/user');
  }
}
