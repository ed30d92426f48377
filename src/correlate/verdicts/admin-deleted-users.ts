// Users an admin deleted were refused afterwards: the culler's effect, by hand.
import { deletedByAdmin } from '../causes/deleted-by-admin.js';
import { defineVerdict } from './types.js';
import { afterDeletions, names, plural } from './words.js';

export const adminDeletedUsers = defineVerdict({
  id: 'admin-deleted-users',
  title: 'An admin deleted users, and their logins are refused',
  headline: 'Users were deleted by an admin',
  decide(v) {
    const denied = v.incidents.filter((i) => i.deletedBy === 'admin' && i.denials > 0);
    if (denied.length === 0) return null;
    const n = denied.reduce((s, i) => s + i.denials, 0);
    return {
      confidence: 'high',
      summary: `${plural(denied.length, 'user')} (${names(denied.map((i) => i.user))}) deleted by an admin ${denied.length === 1 ? 'was' : 'were'} refused ${plural(n, 'time')} afterwards: deleting a user removes them from the allow list until the hub restarts.`,
      remediation: [...deletedByAdmin.remediation, ...afterDeletions(v.findings)],
    };
  },
});
