// The account is on the block list: refused whatever else is true of it, a deletion included.
import { defineCause, loginReason } from './types.js';

export const blocked = defineCause({
  id: 'blocked',
  recognise: (r) => loginReason(r) === 'blocked',
  joinsIncident: false,
  title: 'On the block list',
  explanation: "The account is in the authenticator's `blocked_users` (or, with Google, outside the hosted domain): it is refused whatever the allow list says. Before JupyterHub 5.2 a session opened earlier keeps working.",
  remediation: [
    'If this person should have access, remove them from `hub.config.<Authenticator>.blocked_users` (or the hosted domains) and upgrade the release.',
    'To shut out a blocked user who is still signed in on JupyterHub < 5.2, stop their server and revoke their tokens from the admin page.',
  ],
  severity: 'info',
  story: { title: 'Refused logins come from blocked accounts' },
});
