// The hub's (≤ 3.1) or a server's referer, origin and host checks refused the request: what the
// browser sent does not match the host the hub sees, usually a proxy that rewrites `Host`.
import { defineCause, says } from './types.js';

export const crossOrigin = defineCause({
  id: 'cross-origin',
  recognise: (r) => says(r, 'cross-origin') || (r.webMessage !== null && /Blocking (?:Cross Origin )?request|Authorization form must be sent from authorization page/.test(r.webMessage)),
  joinsIncident: false,
  title: 'Cross-origin check failed',
  explanation: "The request's `Referer` or `Origin` names another host than the `Host` header the hub or server received, or is missing: the cookie is ignored and the request refused as anonymous.",
  remediation: [
    'Make the reverse proxy pass the original `Host` header (nginx: `proxy_set_header Host $host;`) and keep the `Referer`, or open the hub under the host name it is served at.',
    'For a single-user server started outside `jupyterhub-singleuser`, set `allow_remote_access` or the allowed origins of that server.',
  ],
  severity: 'warning',
  story: { title: 'Refused requests fail the cross-origin check' },
});
