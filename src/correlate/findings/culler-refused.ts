// The hub refused the idle culler's own requests. Refused at every cycle (its periodic run, or
// `Error processing <name>` for each user) it lacks scopes and culls nothing, or only some: on
// z2jh ≥ 2.0 a `hub.config.JupyterHub.load_roles` list replaces the culler role the chart defines.
// A single refusal of its first run right after a start, with later cycles answered, is the startup
// race: transient.
import type { Evidence } from '../../core/model/report.js';
import { iso } from '../../core/time.js';
import { plural } from '../../core/text.js';
import { evidenceOf } from '../evidence.js';
import { defineFinding, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const MAX_EVIDENCE = 3;

const SCOPES_FIX = [
  "If the chart values set `hub.config.JupyterHub.load_roles`, that list replaces the culler's role the chart defines: move those roles to `hub.loadRoles` (a map the chart merges with its own) and run `helm upgrade`.",
  "Otherwise give the culler's role the scopes it needs: `list:users`, `read:users:activity`, `read:servers`, `delete:servers`, and `admin:users` when it culls users (`cull.users: true`). Then confirm that its `GET /hub/api/users` lines answer 200.",
];

class CullerRefused implements FindingObserver<'culler-refused'> {
  private count = 0;
  private firstAt: string | null = null;
  private readonly evidence: Evidence[] = [];
  private periodic = false;
  private firstRun = false;
  private perUser = false;
  // Refusals before the culler's first answered user listing, and whether one came after them.
  private refusedBeforeOk = 0;
  private okAfterRefusal = false;
  private listedOk = false;

  observe(s: StoryStep): void {
    if (s.kind === 'culler-error') {
      if (s.detail === 'periodic run') this.periodic = true;
      else if (s.detail === 'first run') this.firstRun = true;
      else if (s.detail === 'user or server request') this.perUser = true;
      return;
    }
    if (s.kind === 'culler-request') {
      if (s.ok && s.ev.kind === 'access' && /\/api\/users$/.test(s.ev.path)) {
        this.listedOk = true;
        if (this.count > 0) this.okAfterRefusal = true;
      }
      return;
    }
    // Only a refusal read as missing scopes is this finding's: another cause has its own advice.
    if (s.kind !== 'refused' || !s.request.fromCuller || s.cause !== 'permission') return;
    this.count++;
    if (!this.listedOk) this.refusedBeforeOk++;
    const line = s.request.access ?? s.request.traces[0].ev;
    this.firstAt ??= iso(line.t);
    if (this.evidence.length < MAX_EVIDENCE) this.evidence.push(evidenceOf(line));
  }

  finish(): FindingOf<'culler-refused'>[] {
    if (this.count === 0) return [];
    const race = this.count === 1 && this.okAfterRefusal && !this.periodic && !this.perUser && (this.firstRun || this.refusedBeforeOk === 1);
    if (race) {
      return [{
        kind: 'culler-refused', severity: 'info', at: this.firstAt, evidence: [...this.evidence], remediation: [
          'Nothing to change: the culler started before the hub had given its role the scopes, and its next cycle was answered. If it happens at every start, restart the culler (it is restarted with the hub) once the hub is up.',
        ],
        summary: "The hub refused the idle culler's first run once, right after a start, and answered its next cycles: the startup race of the culler's role, which passes by itself.",
      }];
    }
    return [{
      kind: 'culler-refused', severity: 'error', at: this.firstAt, evidence: [...this.evidence], remediation: [...SCOPES_FIX],
      summary: `The hub refused ${plural(this.count, 'request')} of the idle culler${this.perUser ? ' (its deletions of users: `Error processing …`)' : this.periodic ? ' (at every cycle)' : ''}: `
        + `its role lacks scopes, so it ${this.perUser ? 'cannot delete the users it culls' : 'culls nothing'}.`,
    }];
  }
}

export const cullerRefused = defineFinding({ kind: 'culler-refused', title: "The idle culler's own requests are refused", start: () => new CullerRefused() });
