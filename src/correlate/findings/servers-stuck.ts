// Servers left pending: a start the hub called slow that never ended (started or failed), a stop
// it called slow that never finished. Both block the user: the hub refuses a new start while one
// is pending, and the culler skips a server with a pending stop. Only what stayed pending a while
// before the log ends is stuck; a slow start near the end may still be on its way.
import type { HubEvent } from '../../core/model/events.js';
import { iso } from '../../core/time.js';
import { plural } from '../../core/text.js';
import { evidenceOf } from '../evidence.js';
import { defineFinding, type FindingContext, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const STUCK_AFTER_MS = 15 * 60_000;

class ServersStuck implements FindingObserver<'servers-stuck'> {
  private readonly starting = new Map<string, HubEvent>();
  private readonly stopping = new Map<string, HubEvent>();

  observe(s: StoryStep): void {
    if (s.kind !== 'server') return;
    const ev = s.ev;
    switch (ev.kind) {
      case 'spawn-slow':
        if (!this.starting.has(ev.user)) this.starting.set(ev.user, ev);
        return;
      case 'server-started':
      case 'spawn-failed':
        if (ev.user !== null) this.starting.delete(ev.user);
        return;
      case 'stop-slow':
        if (!this.stopping.has(ev.user)) this.stopping.set(ev.user, ev);
        return;
      case 'server-stopped':
      case 'server-exited':
        this.stopping.delete(ev.user);
        return;
      default:
    }
  }

  finish({ end }: FindingContext): FindingOf<'servers-stuck'>[] {
    if (end === null) return [];
    const stuck = (m: Map<string, HubEvent>) => [...m].filter(([, ev]) => end - ev.t >= STUCK_AFTER_MS);
    const starts = stuck(this.starting);
    const stops = stuck(this.stopping);
    if (starts.length + stops.length === 0) return [];
    const all = [...starts, ...stops].sort((a, b) => a[1].t - b[1].t);
    const parts = [
      starts.length > 0 ? `${plural(starts.length, 'start')} pending (${starts.map(([u]) => u).join(', ')})` : null,
      stops.length > 0 ? `${plural(stops.length, 'stop')} pending (${stops.map(([u]) => u).join(', ')})` : null,
    ].filter((x) => x !== null);
    return [{
      kind: 'servers-stuck', severity: 'warning', at: iso(all[0][1].t), users: [...new Set(all.map(([u]) => u))].sort(), evidence: all.slice(0, 5).map(([, ev]) => evidenceOf(ev)),
      summary: `${parts.join('; ')} when the log ends, ${STUCK_AFTER_MS / 60_000} minutes or more after the hub called ${all.length === 1 ? 'it' : 'them'} slow. The hub refuses another start while one is pending, and the culler skips a server whose stop is pending.`,
      remediation: [
        'Look at the pod of each user (`kubectl get pod jupyter-<user>`, `kubectl describe pod jupyter-<user>`): a pod stuck terminating (a finalizer, a volume that does not detach) keeps the stop pending.',
        "Stop the server from the admin page or `DELETE /hub/api/users/<user>/server`; a hub restart clears the hub's pending state, not the pod's.",
      ],
    }];
  }
}

export const serversStuck = defineFinding({ kind: 'servers-stuck', title: 'Servers stuck pending', start: () => new ServersStuck() });
