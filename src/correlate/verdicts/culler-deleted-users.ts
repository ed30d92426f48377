// The idle culler deleted users: refused since (confidence from what the log says of the culler),
// or not refused yet, which they will be at their next login.
import type { Incident } from '../../core/model/report.js';
import { deletedByCuller } from '../causes/deleted-by-culler.js';
import { defineVerdict, type VerdictBody, type VerdictInput } from './types.js';
import { afterDeletions, names, notRefusedYet, plural } from './words.js';

function refused(v: VerdictInput, culled: readonly Incident[], denied: readonly Incident[]): VerdictBody {
  const n = denied.reduce((s, i) => s + i.denials, 0);
  const first = denied.map((i) => i.firstDeniedAt!).sort()[0];
  const argvSays = v.culler.cullsUsers === true && !(v.culler.inferred ?? []).includes('cullsUsers');
  const recurred = v.findings.some((f) => f.kind === 'pattern-recurred');
  return {
    confidence: argvSays || culled.some((i) => i.actor !== null) ? 'high' : 'medium',
    summary:
      `The idle culler deleted ${plural(new Set(culled.map((i) => i.user)).size, 'user')} (user culling is on${argvSays ? ': --cull-users' : ''}); ` +
      `deleting a user also removes them from the in-memory allow list, so ${plural(new Set(denied.map((i) => i.user)).size, 'user')} (${names(denied.map((i) => i.user))}) ` +
      `${new Set(denied.map((i) => i.user)).size === 1 ? 'was' : 'were'} refused ${plural(n, 'time')} since ${first}.` +
      (recurred ? ' A hub restart restored access, and the pattern came back after it.' : ' A hub restart restores access until the next cull.'),
    remediation: [...deletedByCuller.remediation, ...afterDeletions(v.findings)],
  };
}

export const cullerDeletedUsers = defineVerdict({
  id: 'culler-deleted-users',
  title: 'The idle culler deleted users, and their logins are refused',
  decide(v) {
    const culled = v.incidents.filter((i) => i.deletedBy === 'culler');
    if (culled.length === 0) return null;
    const denied = culled.filter((i) => i.denials > 0);
    if (denied.length > 0) return refused(v, culled, denied);
    // Refusals of users an admin deleted are the story to tell before culls nobody has hit yet.
    if (v.incidents.some((i) => i.deletedBy === 'admin' && i.denials > 0)) return null;
    return {
      confidence: 'medium',
      summary: notRefusedYet('The idle culler', culled),
      remediation: [...deletedByCuller.remediation, ...afterDeletions(v.findings)],
    };
  },
});
