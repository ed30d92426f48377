// The proxy refused the hub's own API requests: the hub and the proxy disagree on the proxy auth
// token. No user request is involved, but no route is added, so users get errors.
import { defineCause, says } from './types.js';

export const proxyApi = defineCause({
  id: 'proxy-api',
  recognise: (r) => says(r, 'proxy-api'),
  joinsIncident: false,
  title: "The proxy refuses the hub's token",
  explanation: "The proxy's API refused the hub (403 or 401): the two were started with different proxy auth tokens, after a secret was rotated in one of them, or a hub restarted with a newly generated token while the old proxy kept running.",
  remediation: [
    'Give both the same token (`proxy.secretToken`, or `CONFIGPROXY_AUTH_TOKEN` / `c.ConfigurableHTTPProxy.auth_token`) and restart the proxy and the hub together (`kubectl rollout restart deploy/proxy deploy/hub`).',
  ],
  severity: 'error',
  story: { title: "The proxy refuses the hub's API requests" },
});
