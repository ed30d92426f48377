// A signed-in user or service refused what its roles do not grant: not a refused login, and no
// deletion or allow list is involved.
import { defineCause } from './types.js';

export const permission = defineCause({
  id: 'permission',
  recognise: (r) => r.incident === null && r.access.user !== null,
  joinsIncident: false,
  title: 'Missing permission (scopes or roles)',
  explanation: 'An authenticated user or service was refused a page or an API request that its roles do not grant.',
  remediation: ['Check the roles and scopes of the refused users or services (`hub.loadRoles` in the chart values).'],
  severity: 'warning',
});
