// A signed-in user was refused a server or service: the hub's OAuth authorize (JupyterHub 2.0 →:
// no `access:servers` / `access:services` for it), or the server itself refusing a hub user.
import { defineCause, says } from './types.js';

export const serviceNotAllowed = defineCause({
  id: 'service-not-allowed',
  recognise: (r) => says(r, 'server-access') || (r.webMessage !== null && /^You do not have permission to access|^(?:user|service) \S+ is not allowed\.$/.test(r.webMessage)),
  joinsIncident: false,
  title: 'No access to the server or service',
  explanation: "The user is signed in, but no role grants them `access:servers` on that server (someone else's, or a shared link) or `access:services` on that service. The default `user` role covers only their own servers: services such as BinderHub refuse ordinary users until a role grants access.",
  remediation: [
    'Grant the access with a role in `hub.loadRoles` (e.g. scopes `access:services!service=binder` for the `user` role), or share the server with the user (JupyterHub 5 sharing), and upgrade the release.',
  ],
  severity: 'warning',
  story: { title: 'Signed-in users are refused a server or service' },
});
