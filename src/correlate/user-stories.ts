// Each user's story as the logs tell it: logins, spawns, stops (who stopped the server and why),
// deletions, refusals and hub restarts. A stop is one line of the hub (`… server took N seconds to
// stop`); who asked for it is told by the lines around it: the culler's `Culling server …` comes
// before it, the access line of the `DELETE …/server` request after it (or before, when the hub
// answered 202 because the stop was slow). Each server line is one step; lines that only tell
// more about a step (who, why, an exit code) fill that step in instead of adding one.
import type { HubEvent } from '../core/model/events.js';
import type { HubStart, SpawnFailureReason, StopReason, UserStep, UserStory } from '../core/model/report.js';
import { iso } from '../core/time.js';
import { timedeltaMs } from '../core/duration.js';
import { safeDecodeURIComponent } from '../core/text.js';
import type { StoryStep } from './findings/types.js';
import type { IncidentRecord } from './incidents.js';
import { spawnerFailed } from './server-lines.js';

type Ev<K extends HubEvent['kind']> = Extract<HubEvent, { kind: K }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A step as kept while the stream goes on: its time a number, made ISO text once, at the end. */
type Kept = DistributiveOmit<UserStep, 't'> & { t: number };
type Step<K extends UserStep['kind']> = Extract<Kept, { kind: K }>;

// The culler announces a stop at most this long before the hub's stop line (its request waits for
// the stop, and a slow stop is answered 202 first).
const CULL_BEFORE_MS = 10 * 60_000;
// The access line of the stop request follows the stop line by the request's remaining time.
const ACCESS_AFTER_MS = 60_000;
// After the hub's shutdown signal, the servers it stops are stopped by the hub.
const SHUTDOWN_MS = 5 * 60_000;
// A Kubernetes event and the hub's own line of the same crash or failed spawn.
const K8S_JOIN_MS = 10 * 60_000;

// `…/users/<name>/server` and `…/users/<name>/servers/<server>`: a user's server, as the REST API names it.
const SERVER_RESOURCE = /\/hub\/api\/users\/([^/?#]+)\/server(?:s\/([^/?#]+))?$/;
// Reasons of Kubernetes events: what holds a pod before it runs, and what ends it.
const UNSCHEDULABLE = new Set(['FailedScheduling', 'NotTriggerScaleUp']);
const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'Failed', 'BackOff', 'InspectFailed', 'ErrImageNeverPull']);
const PENDING = new Set(['Pulling', 'TriggeredScaleUp', 'FailedAttachVolume', 'FailedMount']);
const ENDED: Record<string, StopReason> = { OOMKilled: 'oom', OOMKilling: 'oom', Evicted: 'evicted', Preempted: 'evicted', ScaleDown: 'scale-down' };

/** Why a user's pod ended, by its Kubernetes event's reason; undefined for an event that ends nothing. */
export function endedBy(ev: Ev<'k8s-event'>): StopReason | undefined {
  return ev.user === null ? undefined : ENDED[ev.reason];
}

interface PendingBy {
  t: number;
  by: Step<'stop'>['by'];
  reason: StopReason | null;
  inactive: string | null;
  actor: string | null;
}

class UserLine {
  readonly steps: Kept[] = [];
  lastStop: { t: number; step: Step<'stop'> } | null = null;
  /** The culler's announcement or a request's access line, before the stop line they explain. */
  pendingBy: PendingBy | null = null;
  /** The spawn under way: its steps, so later lines about it fill them in. */
  attempt: { t: number; requested: boolean; pending: Set<string>; held: SpawnFailureReason | null; failed: Step<'spawn-failed'> | null } | null = null;
  lastCrash: { t: number; step: Step<'stop'> } | null = null;
}

function serverOf(path: string): { user: string; server: string | null } | null {
  const m = SERVER_RESOURCE.exec(path);
  return m ? { user: safeDecodeURIComponent(m[1]), server: m[2] === undefined ? null : safeDecodeURIComponent(m[2]) } : null;
}

export class UserStories {
  private readonly users = new Map<string, UserLine>();
  private shutdownT = -Infinity;
  // Who deleted a user may be learnt after the deletion (the culler's line pairs with it later).
  private readonly deletions: Array<[Step<'deleted'>, Readonly<IncidentRecord>]> = [];

  constructor(
    private readonly isCuller: (name: string | null) => boolean,
    private readonly cullerLimits: () => { timeoutSeconds: number | null; maxAgeSeconds: number | null } | null,
  ) {}

  /** A server event of the hub's, a culler announcement, a request on a server, or a Kubernetes event. */
  event(ev: HubEvent): void {
    switch (ev.kind) {
      case 'spawn-requested': return this.requested(ev, ev.user, null);
      case 'spawn-slow': return this.pending(ev, ev.user, ev.server, 'slow to start: the spawn goes on in the background', null);
      case 'server-started': return this.started(ev);
      case 'spawn-failed': return this.failed(ev, ev.user, null, ev.failure ?? 'error', ev.reason, ev.exitCode ?? null);
      case 'server-stopped': return this.stopped(ev);
      case 'server-exited': return this.exited(ev);
      case 'culler-culled-server': return this.culled(ev);
      case 'hub-shutdown':
        this.shutdownT = ev.t;
        return;
      case 'access': return this.access(ev);
      case 'user-deleted': return this.deletedWithServer(ev);
      case 'http-error': {
        const f = spawnerFailed(ev.message);
        if (f) this.failed(ev, f.user, null, 'exited', ev.message.split('\n')[0], f.exitCode);
        return;
      }
      case 'k8s-event': return this.k8s(ev);
      default:
    }
  }

  /** A step the correlator concluded: a login, a deletion, a refusal. */
  concluded(s: StoryStep): void {
    if (s.kind === 'login') this.add(s.user, { kind: 'login', t: s.ev.t, source: s.ev.source, line: s.ev.line });
    else if (s.kind === 'user-deleted') {
      const step: Step<'deleted'> = { kind: 'deleted', t: Date.parse(s.at), source: s.line.source, line: s.line.line, by: s.incident.deletedBy, actor: s.incident.actor };
      this.add(s.user, step);
      this.deletions.push([step, s.incident]);
    }
    else if (s.kind === 'refused' && s.request.user !== null) {
      const ev = s.request.access ?? s.request.traces[0].ev;
      this.add(s.request.user, { kind: 'refused', t: ev.t, source: ev.source, line: ev.line, cause: s.cause, status: s.request.status });
    }
  }

  /** The stories, each user's steps in time order with the hub's restarts within their span. */
  finish(hubStarts: readonly HubStart[], only?: string): UserStory[] {
    for (const [step, rec] of this.deletions) {
      step.by = rec.deletedBy;
      step.actor = rec.actor;
    }
    const out: UserStory[] = [];
    // Parsed once: every user's span is held against every start.
    const starts = hubStarts.map((h) => ({ h, t: Date.parse(h.at) }));
    for (const [user, u] of [...this.users].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (only !== undefined && user !== only) continue;
      const kept = u.steps.slice();
      let first = Infinity;
      let last = -Infinity;
      for (const s of kept) {
        if (s.t < first) first = s.t;
        if (s.t > last) last = s.t;
      }
      if (first <= last) {
        for (const { h, t } of starts) if (t > first && t <= last) kept.push({ kind: 'restart', t, source: h.source, line: h.line, version: h.version });
      }
      kept.sort(byTime);
      out.push({ user, story: kept.map((s) => ({ ...s, t: iso(s.t) })) });
    }
    return out;
  }

  private line(user: string): UserLine {
    let u = this.users.get(user);
    if (!u) this.users.set(user, (u = new UserLine()));
    return u;
  }

  private add(user: string, step: Kept): void {
    this.line(user).steps.push(step);
  }

  private requested(ev: HubEvent, user: string | null, server: string | null): void {
    if (user === null) return;
    const u = this.line(user);
    // KubeSpawner's pod creation and the API request of one spawn: one step.
    if (u.attempt && u.attempt.requested && ev.t - u.attempt.t < K8S_JOIN_MS) return;
    u.attempt = { t: ev.t, requested: true, pending: new Set(), held: null, failed: null };
    u.steps.push({ kind: 'spawn-requested', t: ev.t, source: ev.source, line: ev.line, server });
  }

  private pending(ev: HubEvent, user: string | null, server: string | null, detail: string, held: SpawnFailureReason | null): void {
    if (user === null) return;
    const u = this.line(user);
    u.attempt ??= { t: ev.t, requested: false, pending: new Set(), held: null, failed: null };
    if (held) u.attempt.held = held;
    // A pod's event repeats while it waits: once per spawn is its story.
    if (u.attempt.pending.has(detail)) return;
    u.attempt.pending.add(detail);
    u.steps.push({ kind: 'spawn-pending', t: ev.t, source: ev.source, line: ev.line, server, detail });
  }

  private started(ev: Ev<'server-started'>): void {
    const u = this.line(ev.user);
    u.attempt = null;
    u.steps.push({ kind: 'spawn-started', t: ev.t, source: ev.source, line: ev.line, server: ev.server, seconds: ev.seconds });
  }

  private failed(ev: HubEvent, user: string | null, server: string | null, reason: SpawnFailureReason, detail: string, exitCode: number | null): void {
    if (user === null) return;
    const u = this.line(user);
    const a = u.attempt;
    // The hub tells one failure in several lines (its warning, the 500 of the spawn request, the progress page).
    if (a?.failed && ev.t - a.t < K8S_JOIN_MS) {
      a.failed.exitCode ??= exitCode;
      return;
    }
    // A spawn that timed out while its pod waited for a node or an image failed for that reason.
    const why = reason === 'timeout' && a?.held ? a.held : reason;
    const step: Step<'spawn-failed'> = { kind: 'spawn-failed', t: ev.t, source: ev.source, line: ev.line, server, reason: why, detail: detail.split('\n')[0], exitCode };
    u.steps.push(step);
    u.attempt = { t: ev.t, requested: false, pending: new Set(), held: null, failed: step };
  }

  private culled(ev: Ev<'culler-culled-server'>): void {
    const u = this.line(ev.user);
    const reason = cullReason(ev, this.cullerLimits());
    const by: PendingBy = { t: ev.t, by: 'culler', reason, inactive: ev.inactive, actor: null };
    const last = u.lastStop;
    if (last && last.step.by === null && ev.t <= last.t && last.t - ev.t <= CULL_BEFORE_MS) apply(last.step, by);
    else u.pendingBy = by;
  }

  private access(ev: Ev<'access'>): void {
    if (ev.status >= 300 || (ev.method !== 'DELETE' && ev.method !== 'POST')) return;
    const s = serverOf(ev.path);
    if (!s) return;
    if (ev.method === 'POST') return this.requested(ev, s.user, s.server);
    const u = this.line(s.user);
    const by: PendingBy = {
      t: ev.t, actor: ev.user,
      by: this.isCuller(ev.user) ? 'culler' : ev.user === null ? null : ev.user === s.user ? 'user' : 'admin', reason: null, inactive: null,
    };
    const last = u.lastStop;
    if (last && ev.t >= last.t && ev.t - last.t <= ACCESS_AFTER_MS && last.step.actor === null) {
      apply(last.step, by);
      return;
    }
    // Answered 202: the stop goes on, its line comes later. Answered 204 with no stop line: the input lacks it.
    if (ev.status === 202) {
      u.pendingBy = u.pendingBy?.by === 'culler' && by.by === 'culler' ? { ...u.pendingBy, actor: by.actor } : by;
      return;
    }
    const step: Step<'stop'> = { kind: 'stop', t: ev.t, source: ev.source, line: ev.line, server: s.server, by: null, reason: null, inactive: null, exitCode: null, actor: null };
    const p = u.pendingBy;
    apply(step, p && p.by === 'culler' && ev.t - p.t <= CULL_BEFORE_MS ? { ...p, actor: ev.user } : by);
    u.pendingBy = null;
    u.steps.push(step);
    u.lastStop = { t: ev.t, step };
  }

  /** Deleting a user stops their server first: the deletion's sender stopped it. */
  private deletedWithServer(ev: Ev<'user-deleted'>): void {
    const last = this.users.get(ev.target)?.lastStop;
    if (!last || last.step.by !== null || ev.t < last.t || ev.t - last.t > ACCESS_AFTER_MS) return;
    apply(last.step, { t: ev.t, by: this.isCuller(ev.actor) ? 'culler' : ev.actor === null ? null : 'admin', reason: null, inactive: null, actor: ev.actor });
  }

  private stopped(ev: Ev<'server-stopped'>): void {
    const u = this.line(ev.user);
    const step: Step<'stop'> = { kind: 'stop', t: ev.t, source: ev.source, line: ev.line, server: ev.server, by: null, reason: null, inactive: null, exitCode: null, actor: null };
    const p = u.pendingBy;
    if (p && ev.t >= p.t && ev.t - p.t <= CULL_BEFORE_MS) apply(step, p);
    else if (ev.t - this.shutdownT <= SHUTDOWN_MS && ev.t >= this.shutdownT) apply(step, { t: ev.t, by: 'hub', reason: 'shutdown', inactive: null, actor: null });
    u.pendingBy = null;
    u.steps.push(step);
    u.lastStop = { t: ev.t, step };
  }

  private exited(ev: Ev<'server-exited'>): void {
    const u = this.line(ev.user);
    const step: Step<'stop'> = { kind: 'stop', t: ev.t, source: ev.source, line: ev.line, server: null, by: 'crash', reason: 'exit-code', inactive: null, exitCode: ev.exitCode, actor: null };
    // The pod's own event (an OOM kill, an eviction) said why, a moment before.
    const k = u.lastCrash;
    if (k && k.step.reason !== 'exit-code' && ev.t - k.t <= K8S_JOIN_MS && ev.t >= k.t) {
      k.step.exitCode = ev.exitCode;
      u.lastCrash = null;
      return;
    }
    u.steps.push(step);
    u.lastCrash = { t: ev.t, step };
  }

  private k8s(ev: Ev<'k8s-event'>): void {
    const user = ev.user;
    if (user === null) return;
    const ended = endedBy(ev);
    if (ended) {
      const u = this.line(user);
      const k = u.lastCrash;
      // The hub saw the server gone first: the event tells why.
      if (k && Math.abs(ev.t - k.t) <= K8S_JOIN_MS && k.step.reason === 'exit-code') {
        k.step.reason = ended;
        return;
      }
      const step: Step<'stop'> = { kind: 'stop', t: ev.t, source: ev.source, line: ev.line, server: null, by: 'crash', reason: ended, inactive: null, exitCode: null, actor: null };
      u.steps.push(step);
      u.lastCrash = { t: ev.t, step };
      return;
    }
    const detail = `${ev.reason}: ${ev.message.split('\n')[0]}`;
    if (UNSCHEDULABLE.has(ev.reason)) this.pending(ev, user, null, detail, 'unschedulable');
    else if (IMAGE_PULL.has(ev.reason) && /image/i.test(ev.message)) this.pending(ev, user, null, detail, 'image-pull');
    else if (PENDING.has(ev.reason)) this.pending(ev, user, null, detail, null);
  }
}

/**
 * `(age: …, inactive for …)` is written whenever --max-age is set, whichever limit the server
 * passed: the culler's logged limits tell which; without them it is not said.
 */
function cullReason(ev: Ev<'culler-culled-server'>, limits: { timeoutSeconds: number | null; maxAgeSeconds: number | null } | null): StopReason | null {
  if (ev.age === null) return 'idle';
  const inactive = ev.inactive === null ? null : timedeltaMs(ev.inactive);
  const age = timedeltaMs(ev.age);
  if (limits?.timeoutSeconds != null && inactive !== null && inactive >= limits.timeoutSeconds * 1000) return 'idle';
  if (limits?.maxAgeSeconds != null && age !== null && age >= limits.maxAgeSeconds * 1000) return 'max-age';
  return null;
}

/** In time order, a step with no time first; stable among equals. */
function byTime(a: Kept, b: Kept): number {
  const x = Number.isFinite(a.t) ? a.t : -Infinity;
  const y = Number.isFinite(b.t) ? b.t : -Infinity;
  return x < y ? -1 : x > y ? 1 : 0;
}

function apply(step: Step<'stop'>, by: PendingBy): void {
  step.by ??= by.by;
  step.reason ??= by.reason;
  step.inactive ??= by.inactive;
  step.actor ??= by.actor;
}
