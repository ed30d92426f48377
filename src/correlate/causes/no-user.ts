// A request with no credentials at all where a user is required: a script or a check without a
// token, or a browser whose cookie was dropped before the request reached the hub.
import { defineCause, says } from './types.js';

export const noUser = defineCause({
  id: 'no-user',
  recognise: (r) => says(r, 'no-credentials')
    || (r.access !== null && r.access.user === null && r.status === 403 && r.traces.length === 0 && /\/hub\/api\//.test(r.access.path)),
  joinsIncident: false,
  title: 'No user or token',
  explanation: 'The request carried no token and no cookie the hub accepted, on an API that needs a user: a script, a health check or a service calling without its token.',
  remediation: ['Give the caller an API token (`Authorization: token …`, from the token page or `hub.services`) with the scopes it needs.'],
  severity: 'info',
  story: { title: 'Anonymous requests are refused' },
});
