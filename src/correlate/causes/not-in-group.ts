// The authenticator found the account in none of the allowed organisations, groups, teams or
// projects (OAuthenticator, ldapauthenticator): a membership question, not the allow list.
import { defineCause, loginReason } from './types.js';

export const notInGroup = defineCause({
  id: 'not-in-group',
  recognise: (r) => loginReason(r) === 'not-in-group',
  joinsIncident: false,
  title: 'Not in an allowed group or organisation',
  explanation: "The authenticator found the account in none of the allowed groups, organisations, teams or projects. On GitHub a private organisation membership looks the same as none.",
  remediation: [
    'Check the membership with the identity provider (on GitHub make it public, or grant the OAuth app the `read:org` scope) and that the group is in the allowed list of `hub.config.<Authenticator>`.',
  ],
  severity: 'info',
  story: { title: 'Refused logins come from accounts outside the allowed groups' },
});
