// The account is on the block list: refused whatever else is true of it, a deletion included.
import { defineCause } from './types.js';

export const blocked = defineCause({
  id: 'blocked',
  recognise: (r) => r.reason?.reason === 'blocked',
  joinsIncident: false,
  title: 'On the block list',
  explanation: "The account is in the authenticator's `blocked_users`: it is refused whatever the allow list says.",
  remediation: ['If this person should have access, remove them from `hub.config.<Authenticator>.blocked_users` and upgrade the release.'],
  severity: 'info',
});
