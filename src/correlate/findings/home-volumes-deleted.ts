// KubeSpawner deletes a user's home volume claim with the user (z2jh ≥ 1.0): data loss that a
// restart does not undo.
import type { Evidence } from '../../core/model/report.js';
import { evidenceOf } from '../evidence.js';
import { defineFinding, type FindingContext, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const MAX_EVIDENCE = 5;

class HomeVolumesDeleted implements FindingObserver<'home-volumes-deleted'> {
  private count = 0;
  private readonly evidence: Evidence[] = [];

  observe(s: StoryStep): void {
    if (s.kind !== 'volume-deleted') return;
    this.count++;
    if (this.evidence.length < MAX_EVIDENCE) this.evidence.push(evidenceOf(s.ev));
  }

  finish({ incidents }: FindingContext): FindingOf<'home-volumes-deleted'>[] {
    if (this.count === 0 || incidents.length === 0) return [];
    return [{
      kind: 'home-volumes-deleted', severity: 'warning', at: null, evidence: [...this.evidence],
      summary: `${this.count} home volume claim(s) (PVC) were deleted along with deleted users: on z2jh ≥ 1.0 deleting a user also deletes their home directory. Check backups before users notice.`,
    }];
  }
}

export const homeVolumesDeleted = defineFinding({ kind: 'home-volumes-deleted', start: () => new HomeVolumesDeleted() });
