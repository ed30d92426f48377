// Login outcomes: JupyterHub core (auth.py, handlers/base.py) and OAuthenticator messages.
import type { RefusalReason } from '../../src/core/model/events.js';
import type { Fields, MessageParser } from './types.js';
import { unrepr } from '../../src/core/text.js';
import { realName } from '../../src/core/users.js';

const REFUSALS: Array<[RegExp, RefusalReason]> = [
  [/^User ('.*'|".*") not allowed\.$/, 'not-allowed'],
  [/^User ('.*'|".*") not in whitelist\.$/, 'not-allowed'],
  [/^User ('.*'|".*") blocked\. Stop authentication$/, 'blocked'],
  [/^User ('.*'|".*") in blacklist\. Stop authentication$/, 'blocked'],
  [/^Disallowing invalid username ('.*'|".*")\.$/, 'invalid-name'],
  [/^Login with unverified email (.+) is not allowed$/, 'unverified-email'],
  [/^Google OAuth unverified email attempt: (.+)$/, 'unverified-email'],
  [/^Login with domain @(.+) is not allowed$/, 'domain'],
  [/^Google OAuth unauthorized domain attempt: (.+)$/, 'domain'],
  [/^Blocked (.+) with 'hd=.*' not in hosted_domain$/, 'domain'],
];

/**
 * The name after a message's label, on its first line: continuation lines (a traceback, a dump)
 * may follow it. Null when the line ends at the label: a name that was empty or cut off names nobody.
 */
function nameAfter(msg: string, label: string): string | null {
  const nl = msg.indexOf('\n', label.length);
  const name = (nl < 0 ? msg.slice(label.length) : msg.slice(label.length, nl)).trimEnd();
  return name === '' ? null : name;
}

/** `unknown user` (≤ 5.4) and `'unknown user'` (5.5+) mean the name was not known (OAuth). */
function failedUser(raw: string): string | null {
  const name = unrepr(raw.trimEnd());
  return name === 'unknown user' ? null : realName(name);
}

export const auth: MessageParser = {
  name: 'auth',
  parse(msg): Fields | null {
    const c = msg[0];
    if (c === 'U') {
      const user = msg.startsWith('User logged in: ') ? nameAfter(msg, 'User logged in: ') : null;
      if (user !== null) return { kind: 'login-succeeded', user };
      const out = msg.startsWith('User logged out: ') ? nameAfter(msg, 'User logged out: ') : null;
      if (out !== null) return { kind: 'logout', user: out };
    } else if (c === 'F' && msg.startsWith('Failed login for ')) {
      const raw = nameAfter(msg, 'Failed login for ');
      return raw === null ? null : { kind: 'login-failed', user: failedUser(raw) };
    } else if (c === 'A' && msg.startsWith('Adding role user for User: ')) {
      const user = nameAfter(msg, 'Adding role user for User: ');
      return user === null ? null : { kind: 'user-added', user };
    } else if (c === 'I' && (msg === 'Invalid cookie token' || msg === 'Invalid or expired cookie token')) {
      return { kind: 'invalid-cookie' };
    }
    if (c !== 'U' && c !== 'D' && c !== 'L' && c !== 'G' && c !== 'B') return null;
    for (const [re, reason] of REFUSALS) {
      const m = re.exec(msg);
      if (m) return { kind: 'login-refused', reason, user: unrepr(m[1]) };
    }
    return null;
  },
  needles: [
    { text: 'User logged in: ', at: 'start', why: 'successful logins' },
    { text: 'User logged out: ', at: 'start', why: 'logouts' },
    // An OAuth refusal's `Failed login for unknown user` names nobody; its `not allowed` line is kept.
    { text: 'Failed login for ', at: 'start', except: ['Failed login for unknown user', "Failed login for 'unknown user'"], why: 'failed logins' },
    { text: 'Adding role user for User: ', at: 'start', why: 'users (re)created' },
    { text: 'Invalid cookie token', at: 'start', why: 'a deleted user still holding a cookie' },
    { text: 'Invalid or expired cookie token', at: 'start', why: 'a cookie too old, or of a deleted user' },
    { text: ' not allowed.', at: 'end', why: 'login refused: not on the allow list' },
    { text: ' not in whitelist.', at: 'end', why: 'login refused: not on the allow list (JupyterHub < 1.2)' },
    { text: ' blocked. Stop authentication', at: 'end', why: 'login refused: blocked' },
    { text: ' in blacklist. Stop authentication', at: 'end', why: 'login refused: blocked (JupyterHub < 1.2)' },
    { text: 'Disallowing invalid username ', at: 'start', why: 'login refused: invalid name' },
    { text: 'Login with unverified email ', at: 'start', why: 'login refused by the provider: unverified e-mail' },
    { text: 'Google OAuth unverified email attempt: ', at: 'start', why: 'login refused by Google: unverified e-mail' },
    { text: 'Login with domain @', at: 'start', why: 'login refused by the provider: domain' },
    { text: 'Google OAuth unauthorized domain attempt: ', at: 'start', why: 'login refused by Google: domain' },
    { text: ' not in hosted_domain', at: 'end', why: 'login refused by Google: hosted domain' },
  ],
  samples: [
    { line: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice@example.com' not allowed.", kind: 'login-refused' },
    { line: "[W 2019-05-14 13:40:02.118 JupyterHub auth:480] User 'bob' not in whitelist.", kind: 'login-refused' },
    { line: "[W 2025-05-14 13:40:02.118 JupyterHub auth:521] User 'mallory' blocked. Stop authentication", kind: 'login-refused' },
    { line: '[W 2025-05-14 13:40:02.118 JupyterHub base:943] Failed login for unknown user', kind: 'login-failed' },
    { line: "[W 2026-06-14 13:40:02.118 JupyterHub base:998] Failed login for 'unknown user'", kind: 'login-failed' },
    { line: '[W 2022-11-25 22:40:02.118 JupyterHub base:816] Failed login for carol', kind: 'login-failed' },
    { line: '[I 2025-05-14 13:40:02.118 JupyterHub base:937] User logged in: alice@example.com', kind: 'login-succeeded' },
    { line: '[I 2025-05-14 17:02:11.400 JupyterHub login:46] User logged out: alice@example.com', kind: 'logout' },
    { line: '[W 2025-05-14 13:40:02.118 JupyterHub auth:510] Disallowing invalid username \'bad name\'.', kind: 'login-refused' },
    { line: '[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User "o\'brien" not allowed.', kind: 'login-refused' },
    { line: '[W 2025-05-14 13:40:02.118 JupyterHub google:230] Login with unverified email x@example.com is not allowed', kind: 'login-refused' },
    { line: "[W 2025-05-14 13:40:02.118 JupyterHub google:252] Blocked eve@other.org with 'hd=other.org' not in hosted_domain", kind: 'login-refused' },
    { line: '[I 2022-11-25 22:45:02.118 JupyterHub roles:238] Adding role user for User: carol', kind: 'user-added' },
    { line: '[W 2022-11-25 22:45:02.118 JupyterHub base:394] Invalid cookie token', kind: 'invalid-cookie' },
  ],
};
