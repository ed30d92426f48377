// The hub's reason lines for a refused request that is not a login (JupyterHub 0.7 – 6.0): scope
// checks (scopes.py, and UserUrlHandler from 5.0), the referer / content-type checks of the API
// (≤ 3.1), XSRF (4.0 →), the OAuth authorize of a server or service (2.0 →), OAuth state checks
// (OAuthenticator, and JupyterHub's own OAuth clients), and stale auth before a spawn.
import type { Fields, MessageParser } from './types.js';
import type { NameHint } from '../../src/core/model/events.js';
import { refused } from './refused.js';
import { userFromPath, userFromQuery, userFromState } from '../../src/core/users.js';

// `… Requires any of [a, b] on user=bob, not derived from scopes [x!user=alice, …]`; a paste may
// cut the requester's list short (no closing bracket).
const SCOPES = /^Not authorizing access to (\S+?)\.? Requires any of \[([^\]]*)\](?: on (\S+))?, not derived from scopes \[(.*?)(\])?$/;
const XSRF_TOKEN_ID = /^Not accepting incorrect xsrf token id in cookie on (\S+)$/;
const XSRF_LOGIN = /^XSRF error on login form: (.*)$/;
const REPR = /^User <User\((.+?) \d+\/\d+ running\)> not allowed to access (.+)$/;
const REFERER = /Referer: (\S+?),? (?:Host|[\w-]+): /;
const STATE = /^(?:OAuth state mismatch: |oauth state (?:argument )?)/;
const STALE = /^User (.+) has stale auth info\. Login is required to refresh\.$/;

/** The one user the requester's scopes are all filtered to (`!user=alice`, `!service=x`), if any. */
function requesterOf(expanded: string, complete: boolean): string | null {
  const items = expanded.split(', ');
  // The last item of a list cut short may be a cut name.
  if (!complete) items.pop();
  const names = new Set<string>();
  for (const it of items) {
    const m = /!(?:user|service)=(.+)$/.exec(it);
    if (m) names.add(m[1]);
  }
  return names.size === 1 ? [...names][0] : null;
}

function scopes(msg: string): Fields | null {
  const m = SCOPES.exec(msg);
  if (!m) return null;
  const detail = `requires any of [${m[2]}]${m[3] ? ` on ${m[3]}` : ''}`;
  // Before 4.0.2 a request with no credentials at all reaches the scope check with none.
  if (m[4] === '' && m[5] === ']') return refused('no-credentials', { path: m[1], detail });
  // Whose scopes fell short when they are all filtered to one user, else the user the path is about.
  const requester = requesterOf(m[4], m[5] === ']');
  if (requester !== null) return refused('scope', { path: m[1], detail, user: requester });
  return refused('scope', { path: m[1], detail, user: userFromPath(m[1]), via: 'path' });
}

/** Whom the base64 OAuth states in a line lead to (OAuthenticator ≤ 16.0 and the hub's own clients). */
function stateHint(raw: string): NameHint | null {
  for (const m of raw.matchAll(/eyJ[A-Za-z0-9_-]+/g)) {
    const user = userFromState(m[0]);
    if (user !== null) return { user, via: 'state' };
  }
  return null;
}

function crossOrigin(msg: string): Fields {
  const ref = REFERER.exec(msg);
  const q = ref ? ref[1].indexOf('?') : -1;
  const user = ref && q >= 0 ? userFromQuery(ref[1].slice(q + 1)) : null;
  return refused('cross-origin', { detail: msg.slice(0, msg.indexOf('.') < 0 ? undefined : msg.indexOf('.')), hint: user === null ? null : { user, via: 'next' } });
}

export const hubRefusals: MessageParser = {
  name: 'hub-refusals',
  parse(msg, p): Fields | null {
    switch (msg[0]) {
      case 'N': {
        if (msg.startsWith('Not authorizing access to ')) return scopes(msg);
        const m = XSRF_TOKEN_ID.exec(msg);
        if (m) return refused('xsrf', { path: m[1], user: userFromPath(m[1]), via: 'path', detail: 'incorrect xsrf token id in cookie' });
        if (msg.startsWith('Not allowing POST with content-type: ')) return refused('cross-origin', { method: 'POST', detail: msg });
        return null;
      }
      case 'B':
        return msg.startsWith('Blocking API request') || msg.startsWith('Blocking Cross Origin API request.') ? crossOrigin(msg) : null;
      case 'X': {
        const m = XSRF_LOGIN.exec(msg);
        return m ? refused('xsrf', { detail: m[1] }) : null;
      }
      case 'A':
        return msg.startsWith('Attempting to clear invalid _xsrf cookie') ? refused('xsrf', { detail: 'invalid _xsrf cookie' }) : null;
      case 'U': {
        let m = REPR.exec(msg);
        if (m) return refused('server-access', { user: m[1], via: 'repr', detail: m[2] });
        m = STALE.exec(msg);
        return m ? refused('token', { user: m[1], detail: 'stale auth info: login required' }) : null;
      }
      case 'O':
      case 'o':
        if (STATE.test(msg)) {
          // The states are read from the line as written; the event keeps only whom they lead to.
          return refused('oauth-state', { detail: /None|missing/.test(msg) ? 'state missing' : 'state mismatch', hint: stateHint(p.msg) });
        }
        return msg.startsWith('Original OAuth POST from ') ? refused('cross-origin', { detail: 'OAuth authorization form not sent from the authorization page' }) : null;
      default:
        return null;
    }
  },
  needles: [
    { text: 'Not authorizing access to ', at: 'start', why: 'a request refused for missing scopes (JupyterHub 2.0 →)' },
    { text: 'Not accepting incorrect xsrf token id', at: 'start', why: 'XSRF check failed (JupyterHub 4.1.2 →)' },
    { text: 'Not allowing POST with content-type', at: 'start', why: 'API request refused for its content type (JupyterHub 2.0 →)' },
    { text: 'Blocking API request', at: 'start', why: 'API request without referer or host (JupyterHub ≤ 3.1)' },
    { text: 'Blocking Cross Origin API request.', at: 'start', why: 'cross-origin API request (JupyterHub ≤ 3.1)' },
    { text: 'XSRF error on login form', at: 'start', why: 'XSRF check of the login form failed (JupyterHub 5.3 →)' },
    { text: 'Attempting to clear invalid _xsrf cookie', at: 'start', why: 'XSRF cookie invalid (JupyterHub 4.1.0 – 4.1.1)' },
    { text: 'User <User(', at: 'start', why: 'OAuth authorize of a server or service refused (JupyterHub 2.0 →)' },
    { text: ' has stale auth info. Login is required to refresh.', at: 'end', why: 'spawn refused: auth info expired' },
    { text: 'OAuth state mismatch', at: 'start', why: 'OAuth state mismatch (OAuthenticator)' },
    { text: 'oauth state ', at: 'start', why: "OAuth state mismatch at a hub OAuth client's callback (single-user servers, services)" },
    { text: 'Original OAuth POST from ', at: 'start', why: 'OAuth authorization form posted from elsewhere (JupyterHub 1.0 – 3.x)' },
  ],
  samples: [
    { line: '[W 2025-05-14 10:00:01.101 JupyterHub scopes:888] Not authorizing access to /hub/api/users. Requires any of [list:users], not derived from scopes [read:users:name!user=alice, servers!user=alice]', kind: 'request-refused' },
    { line: '[W 2023-03-08 06:00:01.114 JupyterHub scopes:804] Not authorizing access to /hub/api/users. Requires any of [list:users], not derived from scopes []', kind: 'request-refused' },
    { line: '[W 2025-05-14 11:00:00.010 JupyterHub _xsrf_utils:170] Not accepting incorrect xsrf token id in cookie on /hub/api/users/alice/server', kind: 'request-refused' },
    { line: '[W 2018-04-21 09:02:19.733 JupyterHub base:47] Blocking Cross Origin API request.  Referer: https://lab.example.com/jupyterhub/hub/admin, Host: hub/jupyterhub/hub/', kind: 'request-refused' },
    { line: '[W 2021-05-14 10:00:00.000 JupyterHub base:51] Blocking API request with no referer', kind: 'request-refused' },
    { line: '[W 2022-05-14 10:00:00.000 JupyterHub base:113] Not allowing POST with content-type: text/plain', kind: 'request-refused' },
    { line: "[E 2025-06-02 09:15:11.201 JupyterHub login:120] XSRF error on login form: HTTP 403: Forbidden ('_xsrf' argument missing from POST)", kind: 'request-refused' },
    { line: '[E 2025-05-14 12:00:00.300 JupyterHub auth:284] User <User(alice 1/1 running)> not allowed to access Server at /user/bob/', kind: 'request-refused' },
    { line: '[W 2025-05-14 12:00:00.300 JupyterHub base:415] User alice has stale auth info. Login is required to refresh.', kind: 'request-refused' },
    { line: '[W 2023-08-02 09:10:31.207 JupyterHub oauth2:151] OAuth state mismatch: 3e5a7c9b1d2f != 8b6d4f2a0c9e', kind: 'request-refused' },
    { line: "[W 2023-08-02 09:10:31.207 SingleUserNotebookApp auth:1117] oauth state argument 'abc' != cookie jupyterhub-user-alice-oauth-state='def'", kind: 'request-refused' },
  ],
};
