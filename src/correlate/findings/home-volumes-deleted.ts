// KubeSpawner deletes a user's home volume claim with the user (z2jh ≥ 1.0): data loss that a
// restart does not undo.
import type { HubEvent } from '../../core/model/events.js';
import { plural } from '../../core/text.js';
import { kubespawnerEscape } from '../../core/pod-name.js';
import { evidenceOf } from '../evidence.js';
import { defineFinding, type FindingContext, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const MAX_EVIDENCE = 5;

class HomeVolumesDeleted implements FindingObserver<'home-volumes-deleted'> {
  private readonly deleted: Array<{ pvc: string; ev: HubEvent }> = [];

  observe(s: StoryStep): void {
    if (s.kind === 'volume-deleted' && s.ev.kind === 'pvc-deleted') this.deleted.push({ pvc: s.ev.pvc, ev: s.ev });
  }

  finish({ incidents, user }: FindingContext): FindingOf<'home-volumes-deleted'>[] {
    const claim = user === undefined ? null : `claim-${kubespawnerEscape(user)}`;
    const mine = claim === null ? this.deleted : this.deleted.filter((d) => d.pvc === claim || d.pvc.startsWith(`${claim}--`));
    if (mine.length === 0 || incidents.length === 0) return [];
    return [{
      kind: 'home-volumes-deleted', severity: 'warning', at: null, evidence: mine.slice(0, MAX_EVIDENCE).map((d) => evidenceOf(d.ev)),
      ...(user === undefined ? {} : { users: [user] }),
      summary: `${plural(mine.length, 'home volume claim')} (PVC) ${mine.length === 1 ? 'was' : 'were'} deleted along with deleted users: on z2jh ≥ 1.0 deleting a user also deletes their home directory. Check backups before users notice.`,
    }];
  }
}

export const homeVolumesDeleted = defineFinding({ kind: 'home-volumes-deleted', title: 'Home volumes were deleted with their users', start: () => new HomeVolumesDeleted() });
