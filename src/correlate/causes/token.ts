// A token the hub no longer accepts: a single-user server's (the user was deleted or re-created,
// the database reset, the token revoked), a service's, or a login whose auth info expired.
import { defineCause, says } from './types.js';

export const token = defineCause({
  id: 'token',
  recognise: (r) => says(r, 'token', 'activity')
    || (says(r, 'service-api') && r.traces.some((t) => /invalid credentials/i.test(t.ev.text)))
    || (r.webMessage !== null && /Missing or invalid credentials|auth has expired|Permission failure checking authorization/i.test(r.webMessage))
    || (r.access !== null && r.access.user === null && (r.access.status === 403 || r.access.status === 401) && /\/activity$|\/authorizations\//.test(r.access.path)),
  joinsIncident: false,
  title: 'Token not accepted',
  explanation: "The request carried a token the hub does not know (any more): a running server's token after its user was deleted or re-created or the hub database was reset, a service's token missing from the hub config, or a login whose auth info expired.",
  remediation: [
    "Restart the affected servers (stop and start them from the admin page, or delete their pods) so they get new tokens; check that each service's `api_token` is in `hub.services` and that the hub database was not replaced under running servers.",
  ],
  severity: 'warning',
  story: { title: 'Requests are refused for a token the hub no longer accepts' },
});
