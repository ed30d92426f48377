// Refused after the idle culler deleted the user: the incident this tool was written for.
import { defineCause } from './types.js';
import { requester } from './deleted-by-admin.js';

export const deletedByCuller = defineCause({
  id: 'deleted-by-culler',
  recognise: (r) => r.incident?.deletedBy === 'culler' && requester(r),
  joinsIncident: true,
  title: 'Deleted by the idle culler',
  explanation: 'The idle culler deleted this user (it runs with `--cull-users`). Deleting a user also removes them from the allow list the hub keeps in memory, so their logins are refused until the hub restarts.',
  remediation: [
    'Set `cull.users: false` in the chart values (keep `cull.enabled: true`: idle servers are still culled) and run `helm upgrade`.',
    'Restart the hub once (`kubectl rollout restart deploy/hub`): it reloads the allow list, so the users deleted so far can log in again.',
    "Confirm the fix: after the upgrade the hub log's `Starting service 'jupyterhub-idle-culler'` line no longer ends with `--cull-users`, `hubsleuth check-config values.yaml` reports no error, and `hubsleuth check-hub` finds every allowed user.",
  ],
  severity: 'error',
  story: { title: 'The idle culler deleted users, and their logins are refused' },
});
