// A signed-in user or service refused what its roles do not grant: not a refused login, and no
// deletion or allow list is involved. The idle culler's own 403 is always this: it is a service;
// so is a user's refused request for another user's server (`access:servers`).
import { defineCause, says, type RefusedRequest } from './types.js';
import { userFromPath } from '../../core/users.js';

/** A signed-in user's request for a page or API of another user. */
function othersResource(r: RefusedRequest): boolean {
  const owner = r.path === null ? null : userFromPath(r.path);
  return r.access?.user != null && owner !== null && owner !== r.access.user && (r.status === 403 || r.status === 404);
}

/**
 * The culler's example script (`cull_idle_servers.py`) served hubs before roles (JupyterHub < 2):
 * its 403 is a token the hub does not know as much as one without admin, and its crash does not
 * say which. The hub's access line would: it names the service of a token it knows.
 */
function scriptTokenUnknown(r: RefusedRequest): boolean {
  return r.access?.user == null && r.traces.length > 0 && r.traces.every((t) => t.component === 'culler' && t.ev.raw.includes('cull_idle_servers'));
}

export const permission = defineCause({
  id: 'permission',
  recognise: (r) => says(r, 'scope', 'service-api')
    || (r.webMessage !== null && /not authorized with current scopes|No access to resources or resources not found|Only admins can|not found or no permissions/.test(r.webMessage))
    || ((says(r, 'culler') || r.fromCuller) && !scriptTokenUnknown(r)) || othersResource(r),
  joinsIncident: false,
  title: 'Missing permission (scopes or roles)',
  explanation: 'An authenticated user or service was refused a page or an API request that its roles do not grant (JupyterHub 5 answers 404 when the scope is held only for other users).',
  remediation: ['Check the roles and scopes of the refused users or services (`hub.loadRoles` in the chart values) against the scopes the hub says are required.'],
  severity: 'warning',
  story: { title: 'Refused requests lack a permission' },
});
