// The proxy lost its routes to running servers (configurable-http-proxy keeps them in memory, so a
// proxy restarted on its own forgets them): requests to those servers reach the hub and are
// answered 503 until the hub adds the routes back, at its start and then at every activity update
// (`JupyterHub.last_activity_interval`, 300 s).
import type { HubEvent } from '../../core/model/events.js';
import { iso } from '../../core/time.js';
import { plural } from '../../core/text.js';
import { userFromPath } from '../../core/users.js';
import { FirstLines } from '../server-lines.js';
import { defineFinding, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

class RoutesLost implements FindingObserver<'routes-lost'> {
  private readonly restored = new Set<string>();
  private readonly unavailable = new Set<string>();
  private n503 = 0;
  private first: HubEvent | null = null;
  private readonly lines = new FirstLines();

  observe(s: StoryStep): void {
    if (s.kind !== 'server') return;
    const ev = s.ev;
    if (ev.kind === 'route-restored') {
      this.restored.add(ev.user ?? ev.route);
      this.note(ev);
    } else if ((ev.kind === 'access' || ev.kind === 'http-error') && ev.status === 503) {
      const user = userFromPath(ev.path);
      if (user === null || !/\/user\//.test(ev.path)) return;
      this.n503++;
      this.unavailable.add(user);
      this.note(ev);
    }
  }

  private note(ev: HubEvent): void {
    this.first ??= ev;
    this.lines.add(ev);
  }

  finish(): FindingOf<'routes-lost'>[] {
    if (this.first === null) return [];
    const parts = [
      this.restored.size > 0 ? `the hub found ${plural(this.restored.size, 'route')} missing from the proxy and added ${this.restored.size === 1 ? 'it' : 'them'} back` : null,
      this.n503 > 0 ? `${plural(this.n503, 'request')} to the servers of ${plural(this.unavailable.size, 'user')} ${this.n503 === 1 ? 'was' : 'were'} answered 503` : null,
    ].filter((x) => x !== null);
    return [{
      kind: 'routes-lost', severity: 'warning', at: iso(this.first.t), users: [...new Set([...this.restored, ...this.unavailable])].sort(), evidence: this.lines.evidence,
      summary: `${parts.join('; ')}: requests to a server whose route the proxy does not have reach the hub, which answers 503 (the server is not running, as far as the proxy knows), until the route is back.`,
      remediation: [
        'Check whether the proxy pod restarted on its own (`kubectl get pods -l component=proxy`, its RESTARTS and last state): its routes live in memory and go with it.',
        'The hub adds missing routes at its start and at every activity update (`JupyterHub.last_activity_interval`, 300 s): a 503 for a few minutes after a proxy restart is that wait.',
      ],
    }];
  }
}

export const routesLost = defineFinding({ kind: 'routes-lost', title: "The proxy lost servers' routes", start: () => new RoutesLost() });
