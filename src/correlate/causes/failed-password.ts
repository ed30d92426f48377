// A form login (PAM, LDAP, Native, Dummy) failed on the password: the authenticator returned no
// user. JupyterHub answers 200 with the form again up to 5.2 (NativeAuthenticator always), 403 from
// 5.3. Tried before the deletions: the password is checked before the allow list.
import { defineCause, failedLogin, loginReason } from './types.js';

export const failedPassword = defineCause({
  id: 'failed-password',
  recognise: (r) => failedLogin(r) && loginReason(r) === null
    && (r.access !== null ? r.access.path.endsWith('/login') : r.user !== null || r.traces.some((t) => t.ev.kind === 'login-failed' && !/^Failed login/.test(t.ev.text))),
  joinsIncident: false,
  title: 'Wrong user name or password',
  explanation: "The authenticator did not accept the name and password of a form login (a wrong password, an unknown account, or with NativeAuthenticator an account not yet approved).",
  remediation: [
    'Nothing to change if the user gets in on the next try. If a whole group cannot, check the authenticator (PAM service file, the LDAP bind template and lookup settings, NativeAuthenticator approvals).',
  ],
  severity: 'info',
  story: { title: 'Refused logins are wrong passwords' },
});
