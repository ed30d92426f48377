// The authenticator's own refusal (`User 'x' not allowed.`, or an unverified e-mail, a foreign
// domain, an invalid name) of a user who had not been deleted: the allow list doing its job.
import { defineCause } from './types.js';

export const notAllowed = defineCause({
  id: 'not-allowed',
  recognise: (r) => r.incident === null && r.reason !== null && r.reason.reason !== 'failed' && r.reason.reason !== 'blocked',
  joinsIncident: false,
  title: 'Not on the allow list',
  explanation: 'The authenticator refused the account: no allow rule (allowed users, groups or domains) matched it, and it had not been deleted before.',
  remediation: ['If these people should have access, add them to `hub.config.<Authenticator>.allowed_users` (or the allowed groups) and upgrade the release.'],
  severity: 'info',
});
