// The authenticator's own refusal (`User 'x' not allowed.`, or an unverified e-mail, a foreign
// domain, an invalid name) of a user who had not been deleted: the allow list doing its job.
import { defineCause, loginReason } from './types.js';
import { requester } from './deleted-by-admin.js';

export const notAllowed = defineCause({
  id: 'not-allowed',
  // A user deleted by an actor the log does not name is still that deletion's incident (`unknown`).
  recognise: (r) => loginReason(r) !== null && (r.incident === null || !requester(r)),
  joinsIncident: false,
  title: 'Not on the allow list',
  explanation: 'The authenticator refused the account: no allow rule (allowed users, groups or domains) matched it, and it had not been deleted before. From OAuthenticator 16 (z2jh 3) users added through the admin page are allowed only with `allow_existing_users`, and from JupyterHub 5 a hub with no allow rule at all admits nobody but its admins.',
  remediation: [
    'If these people should have access, add them to `hub.config.<Authenticator>.allowed_users` (or the allowed groups), or set `allow_existing_users: true` for users added through the admin page, and upgrade the release.',
  ],
  severity: 'info',
  story: { title: 'Refused logins come from accounts not on the allow list' },
});
