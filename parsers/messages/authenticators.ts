// The authenticators' own refusal lines, before JupyterHub's core `not allowed` / `Failed login`:
// OAuthenticator's organisation, group and team checks (GitHub, GitLab, Bitbucket, OpenShift,
// Globus; 0.7 – 17), ldapauthenticator's group check and bind failures (1.x, 2.0), PAM's.
import type { Fields, MessageParser } from './types.js';
import { realName } from '../../src/core/users.js';

const NOT_IN_GROUP: RegExp[] = [
  /^User (\S+) is not in (?:org whitelist|allowed org list)$/,
  /^User (\S+) is not part of allowed_organizations$/,
  /^(\S+) not in (?:group or project (?:whitelist|allowed list)|team (?:whitelist|allowed list of users)|an allowed Globus Group)$/,
  // OpenShift 14 – 15 and ldapauthenticator 1.x.
  /^username:(\S+) User not in any of the allowed(?:\/admin)? groups$/,
];

const PASSWORD: RegExp[] = [
  // PAM: `(user@ip)`, the IP being the last `@…`; without a request handler, no name.
  /^PAM (?:Authentication|Account Check) failed \((.+)@[^@()]*\): /,
  /^PAM Authentication failed: ()/,
  // A paste with the name and address replaced: `(...)`.
  /^PAM (?:Authentication|Account Check) failed \(([^()@]*)\): /,
  /^Invalid password for user '?(.+?)'?$/,
  /^Failed to bind (?:user|login username) '(.+?)'(?:, with looked up user attribute value '.*',)? to an LDAP user\.$/,
  /^username:(\S+) Login denied for (?:blank password|failed lookup)$/,
  /^User with '[^=]*=(.+)' not found in directory$/,
];

// ldapauthenticator 1.1 names the DN it bound (`uid=<name>,ou=people,…` from `bind_dn_template`),
// later versions the login name: the DN's first value is the name the user typed.
const BOUND_DN = /^(?:uid|cn|sAMAccountName)=((?:[^,\\]|\\.)+),\w+=/i;

/** The login name a password failure names: a bound DN's first value, else the name as logged. */
function loginName(name: string): string | null {
  const dn = BOUND_DN.exec(name);
  return realName(dn ? dn[1].replace(/\\(.)/g, '$1') : name);
}

export const authenticators: MessageParser = {
  name: 'authenticators',
  parse(msg): Fields | null {
    const c = msg[0];
    if (c !== 'U' && c !== 'u' && c !== 'P' && c !== 'I' && c !== 'F' && !msg.includes(' not in ')) return null;
    for (const re of NOT_IN_GROUP) {
      const m = re.exec(msg);
      if (m) return { kind: 'login-refused', reason: 'not-in-group', user: m[1] };
    }
    for (const re of PASSWORD) {
      const m = re.exec(msg);
      if (m) return { kind: 'login-failed', user: loginName(m[1]) };
    }
    return null;
  },
  needles: [
    { text: ' is not in org whitelist', at: 'end', why: 'login refused: not in an allowed GitHub organisation (OAuthenticator ≤ 0.11)' },
    { text: ' is not in allowed org list', at: 'end', why: 'login refused: not in an allowed GitHub organisation (OAuthenticator 0.12 – 15)' },
    { text: ' is not part of allowed_organizations', at: 'end', why: 'login refused: not in an allowed GitHub organisation (OAuthenticator 16 →)' },
    { text: ' not in group or project whitelist', at: 'end', why: 'login refused: not in an allowed GitLab group' },
    { text: ' not in group or project allowed list', at: 'end', why: 'login refused: not in an allowed GitLab group' },
    { text: ' not in team whitelist', at: 'end', why: 'login refused: not in an allowed Bitbucket team' },
    { text: ' not in team allowed list of users', at: 'end', why: 'login refused: not in an allowed Bitbucket team' },
    { text: ' not in an allowed Globus Group', at: 'end', why: 'login refused: not in an allowed Globus group' },
    { text: 'username:', at: 'start', why: 'ldapauthenticator and OpenShift: not in an allowed group, or the login denied' },
    { text: 'PAM Authentication failed', at: 'start', why: 'a wrong password (PAM)' },
    { text: 'PAM Account Check failed', at: 'start', why: 'a refused account (PAM)' },
    { text: 'Invalid password for user ', at: 'start', why: 'a wrong password (ldapauthenticator 1.x)' },
    { text: 'Failed to bind ', at: 'start', why: 'a wrong password (ldapauthenticator 2.0)' },
    { text: 'User with ', at: 'start', why: 'an unknown login name (ldapauthenticator)' },
  ],
  samples: [
    { line: '[W 2023-01-16 10:02:57.388 JupyterHub github:202] User octo-zed is not in allowed org list', kind: 'login-refused' },
    { line: '[W 2018-05-15 13:20:44.907 JupyterHub github:141] User rtaylor-geo is not in org whitelist', kind: 'login-refused' },
    { line: '[W 2024-08-20 11:51:12.605 JupyterHub ldapauthenticator:454] username:jlarsen User not in any of the allowed groups', kind: 'login-refused' },
    { line: '[W 2020-05-14 10:00:00.000 JupyterHub gitlab:160] dana not in group or project allowed list', kind: 'login-refused' },
    { line: '[W 2017-12-19 22:18:50.419 JupyterHub auth:563] PAM Authentication failed (ptest@::ffff:127.0.0.1): [PAM Error 7] Authentication failure', kind: 'login-failed' },
    { line: '[W 2018-08-10 23:02:16.912 JupyterHub auth:618]  PAM Authentication failed (...): [PAM Error 7]  Authentication failure', kind: 'login-failed' },
    { line: '[W 2020-01-05 13:05:00.925 JupyterHub ldapauthenticator:379] Invalid password for user ion.popa', kind: 'login-failed' },
    { line: '[W 2017-09-12 10:01:44.310 JupyterHub ldapauthenticator:153] Invalid password for user uid=ion.popa,ou=people,dc=example,dc=org', kind: 'login-failed' },
    { line: "[W 2025-01-13 08:31:40.502 JupyterHub ldapauthenticator:642] Failed to bind login username 'h.kim', with looked up user attribute value 'hkim', to an LDAP user.", kind: 'login-failed' },
    { line: "[W 2025-01-13 08:30:09.114 JupyterHub ldapauthenticator:638] Failed to bind user 'hkim' to an LDAP user.", kind: 'login-failed' },
  ],
};
