// What the logs tell about the idle culler: its settings (from the service argv JupyterHub logs at
// every start), who it is (service names acting in `(name@ip)`), and its rhythm when the argv is absent.
import type { CullerOptions, HubEvent } from '../core/model/events.js';
import type { CullerSummary, Evidence, Incident } from '../core/model/report.js';
import { evidenceOf } from './evidence.js';

// Service names the chart has used for the culler: `cull-idle` (≤ 1.2.0), `jupyterhub-idle-culler` (≥ 2.0.0).
export const CULLER_NAMES: readonly string[] = ['jupyterhub-idle-culler', 'cull-idle'];
// Requests of one culler cycle arrive within seconds; a new cycle starts after a longer gap.
const CYCLE_GAP_MS = 30_000;
const MAX_CYCLES = 2_000;

export class CullerTracker {
  private readonly names = new Set(CULLER_NAMES);
  private readonly otherServices = new Set<string>();
  private options: CullerOptions | null = null;
  private readonly evidence: Evidence[] = [];
  private seen = false;
  private userCulls = 0;
  private cycles: number[] = [];

  observe(ev: HubEvent): void {
    if (ev.shape === 'idle-culler') this.seen = true;
    if (ev.kind === 'service-start') {
      if (ev.culler) {
        this.seen = true;
        this.options = ev.culler;
        if (ev.name) this.names.add(ev.name);
        if (ev.argv && !this.evidence.some((e) => e.text.endsWith(ev.text))) this.evidence.push(evidenceOf(ev));
        if (this.evidence.length > 4) this.evidence.splice(1, 1);
      } else if (ev.name && !this.names.has(ev.name)) {
        this.otherServices.add(ev.name);
      }
    } else if (ev.kind === 'culler-culled-user') {
      this.userCulls++;
    } else if (ev.kind === 'access' && ev.user !== null && this.names.has(ev.user)) {
      this.seen = true;
      if (ev.method === 'GET' && ev.path.endsWith('/api/users') && Number.isFinite(ev.t)) {
        const last = this.cycles[this.cycles.length - 1];
        if (last === undefined || ev.t - last > CYCLE_GAP_MS) {
          this.cycles.push(ev.t);
          if (this.cycles.length > MAX_CYCLES) this.cycles = this.cycles.slice(-MAX_CYCLES / 2);
        }
      }
    }
  }

  /** A service whose DELETE pairs with the culler's own `Culling user` line is the culler. */
  learnName(name: string | null): void {
    if (!name) return;
    this.names.add(name);
    this.otherServices.delete(name);
    this.seen = true;
  }

  /** The culler's limits as its logged command line gives them; null before that line. */
  get limits(): { timeoutSeconds: number | null; maxAgeSeconds: number | null } | null {
    return this.options;
  }

  isCullerName(name: string): boolean {
    return this.names.has(name);
  }

  classifyActor(actor: string | null): Incident['deletedBy'] {
    if (actor === null || actor === '') return 'unknown';
    if (this.names.has(actor)) return 'culler';
    if (this.otherServices.has(actor)) return 'unknown';
    return 'admin';
  }

  /** The cull cadence from the culler's request rhythm: the median gap between cycles. */
  inferredEverySeconds(): number | null {
    if (this.cycles.length < 3) return null;
    const gaps = this.cycles.slice(1).map((t, i) => t - this.cycles[i]).sort((a, b) => a - b);
    return Math.round(gaps[Math.floor(gaps.length / 2)] / 1000);
  }

  summary(incidents: readonly Pick<Incident, 'deletedBy'>[]): CullerSummary {
    const o = this.options;
    const byCuller = incidents.some((i) => i.deletedBy === 'culler');
    const inferred: string[] = [];
    let cullsUsers: boolean | null = o ? o.cullUsers : null;
    if (cullsUsers === null && (byCuller || this.userCulls > 0)) {
      cullsUsers = true;
      inferred.push('cullsUsers');
    }
    let every = o ? o.everySeconds : null;
    if (every === null) {
      every = this.inferredEverySeconds();
      if (every !== null) inferred.push('everySeconds');
    }
    return {
      seen: this.seen || byCuller, cullsUsers, timeoutSeconds: o ? o.timeoutSeconds : null, everySeconds: every,
      maxAgeSeconds: o ? o.maxAgeSeconds : null, inferred, evidence: [...this.evidence],
    };
  }
}
