// Users an admin deleted were refused afterwards, or will be at their next login: the culler's
// effect, by hand.
import { deletedByAdmin } from '../causes/deleted-by-admin.js';
import { defineVerdict } from './types.js';
import { afterDeletions, names, notRefusedYet, plural } from './words.js';

export const adminDeletedUsers = defineVerdict({
  id: 'admin-deleted-users',
  title: 'An admin deleted users, and their logins are refused',
  decide(v) {
    const deleted = v.incidents.filter((i) => i.deletedBy === 'admin');
    const denied = deleted.filter((i) => i.denials > 0);
    if (deleted.length === 0) return null;
    // The same warning as for culls nobody has hit yet: the allow list lost them all the same.
    if (denied.length === 0) {
      return { confidence: 'medium', summary: notRefusedYet('An admin', deleted), remediation: [...deletedByAdmin.remediation, ...afterDeletions(v.findings)] };
    }
    const n = denied.reduce((s, i) => s + i.denials, 0);
    return {
      confidence: 'high',
      summary: `${plural(denied.length, 'user')} (${names(denied.map((i) => i.user))}) deleted by an admin ${denied.length === 1 ? 'was' : 'were'} refused ${plural(n, 'time')} afterwards: deleting a user removes them from the allow list until the hub restarts.`,
      remediation: [...deletedByAdmin.remediation, ...afterDeletions(v.findings)],
    };
  },
});
