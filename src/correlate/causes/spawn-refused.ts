// A request to start a server was refused: no profile the user may launch (a profile_list hook),
// another user's server (JupyterHub 1.x page), or the named-server limit.
import { defineCause, says } from './types.js';

const SPAWN_MESSAGE = /spawn on behalf of other users|already has the maximum of \d+ named servers|Named servers are not enabled|to launch any server profiles/;

export const spawnRefused = defineCause({
  id: 'spawn-refused',
  recognise: (r) => (r.webMessage !== null && SPAWN_MESSAGE.test(r.webMessage))
    || (r.status === 403 && r.path !== null && /\/hub\/spawn(?:\/|$)/.test(r.path) && !says(r, 'scope', 'no-credentials', 'xsrf', 'cross-origin')),
  joinsIncident: false,
  title: 'Server start refused',
  explanation: "The hub refused to start the server: the deployment's profile rules leave this user no profile (often group-based, needing the user's `auth_state`), the server belongs to another user, or the user already has the most named servers allowed.",
  remediation: [
    "For profile rules, check the groups the hook reads (`enable_auth_state` and a fresh login refresh them) and the profiles' allowed groups; for the limit, delete a named server or raise `c.JupyterHub.named_server_limit_per_user`.",
  ],
  severity: 'warning',
  story: { title: 'Server starts are refused' },
});
