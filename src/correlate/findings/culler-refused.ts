// The hub refused the idle culler's own requests: it cannot cull anything (or culls only some)
// until its role has the scopes it needs.
import type { Evidence } from '../../core/model/report.js';
import { iso } from '../../core/time.js';
import { evidenceOf } from '../evidence.js';
import { defineFinding, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const MAX_EVIDENCE = 3;

class CullerRefused implements FindingObserver<'culler-refused'> {
  private count = 0;
  private firstAt: string | null = null;
  private readonly evidence: Evidence[] = [];

  observe(s: StoryStep): void {
    if (s.kind !== 'refused' || !s.request.fromCuller) return;
    this.count++;
    this.firstAt ??= iso(s.request.access.t);
    if (this.evidence.length < MAX_EVIDENCE) this.evidence.push(evidenceOf(s.request.access));
  }

  finish(): FindingOf<'culler-refused'>[] {
    if (this.count === 0) return [];
    return [{
      kind: 'culler-refused', severity: 'error', at: this.firstAt, evidence: [...this.evidence],
      summary: `The hub refused ${this.count} request(s) of the idle culler (403): it cannot do its job. Check the scopes of the culler's role (list:users, read:users:activity, read:servers, delete:servers, admin:users when culling users).`,
    }];
  }
}

export const cullerRefused = defineFinding({ kind: 'culler-refused', start: () => new CullerRefused() });
