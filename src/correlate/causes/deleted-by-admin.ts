// Refused after an admin deleted the user (admin page or API): the same allow-list effect as a cull.
import { defineCause, type RefusedRequest } from './types.js';

/** The refused user is the one who made the request, not a user the path only names as its target. */
export function requester(r: RefusedRequest): boolean {
  return r.attributedBy !== null && r.attributedBy !== 'path';
}

export const deletedByAdmin = defineCause({
  id: 'deleted-by-admin',
  recognise: (r) => r.incident?.deletedBy === 'admin' && requester(r),
  joinsIncident: true,
  title: 'Deleted by an admin',
  explanation: 'An admin deleted this user through the admin page or the API. Deleting a user also removes them from the allow list the hub keeps in memory, so their logins are refused until the hub restarts or the user is added again.',
  remediation: [
    'Restart the hub (`kubectl rollout restart deploy/hub`) to reload the allow list, or re-add the users through the admin page.',
    "To remove access without this side effect, stop the user's server instead of deleting the user.",
  ],
  severity: 'warning',
  story: { title: 'An admin deleted users, and their logins are refused' },
});
