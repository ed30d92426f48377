// The server troubles `watch` tells as they happen: a spawn that failed (once per failure, however
// many lines the hub writes of it) and a server that crash-loops (its third crash within an hour,
// then once more for every further hour it keeps crashing). Bounded: a few times per user, and
// users forgotten once quiet.
import type { HubEvent } from '../core/model/events.js';
import type { Alert } from '../core/model/alerts.js';
import type { SpawnFailureReason } from '../core/model/report.js';
import { iso, NO_TIME } from '../core/time.js';
import { evidenceOf } from './evidence.js';
import { spawnerFailed } from './server-lines.js';

const SAME_FAILURE_MS = 10 * 60_000;
const LOOP_CRASHES = 3;
const LOOP_WINDOW_MS = 60 * 60_000;
const MAX_USERS = 10_000;

export class ServerAlerts {
  private readonly failedAt = new Map<string, number>();
  private readonly crashes = new Map<string, { times: HubEvent[]; alertedAt: number }>();

  constructor(private readonly onAlert: (a: Alert) => void) {}

  push(ev: HubEvent): void {
    if (ev.kind === 'spawn-failed' && ev.user !== null) this.failed(ev, ev.user, ev.failure ?? 'error', ev.reason);
    else if (ev.kind === 'http-error' && ev.status === 500) {
      const f = spawnerFailed(ev.message);
      if (f) this.failed(ev, f.user, 'exited', ev.message.split('\n')[0]);
    } else if (ev.kind === 'server-exited') this.crashed(ev, ev.user);
  }

  private failed(ev: HubEvent, user: string, reason: SpawnFailureReason, detail: string): void {
    const last = this.failedAt.get(user);
    if (last !== undefined && Math.abs(ev.t - last) < SAME_FAILURE_MS) return;
    this.remember(this.failedAt, user, ev.t);
    this.onAlert({ kind: 'spawn-failed', at: iso(ev.t) ?? NO_TIME, user, reason, detail: detail.split('\n')[0].slice(0, 500), evidence: [evidenceOf(ev)] });
  }

  private crashed(ev: HubEvent, user: string): void {
    const c = this.crashes.get(user) ?? { times: [], alertedAt: -Infinity };
    c.times = [...c.times.filter((x) => ev.t - x.t <= LOOP_WINDOW_MS), ev].slice(-LOOP_CRASHES);
    this.remember(this.crashes, user, c);
    if (c.times.length < LOOP_CRASHES || ev.t - c.alertedAt < LOOP_WINDOW_MS) return;
    c.alertedAt = ev.t;
    this.onAlert({ kind: 'crash-loop', at: iso(ev.t) ?? NO_TIME, user, crashes: c.times.length, since: iso(c.times[0].t) ?? NO_TIME, evidence: c.times.map(evidenceOf) });
  }

  private remember<V>(m: Map<string, V>, user: string, v: V): void {
    m.delete(user);
    m.set(user, v);
    if (m.size > MAX_USERS) m.delete(m.keys().next().value as string);
  }
}
