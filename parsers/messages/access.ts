// The access line, one per HTTP request. The hub's (jupyterhub/log.py log_request):
// `{status} {method} {uri}{ -> location} ({user}@{ip}) {ms}ms`; the user part is greedy because
// names may contain `@`, the IP never does; 0.8 used a Unicode arrow for the redirect, and the
// earliest hubs wrote no `(user@ip)` at all. Single-user servers on the classic notebook and
// jupyter_server 1.x write `({ip})` alone, and ` referer=…` after 4xx/5xx; tornado's own access
// line (`web:N`, programs on tornado's defaults) is `{status} {method} {uri} ({ip}) {ms}ms`.
import type { AccessFields } from '../../src/core/model/events.js';
import type { Fields, MessageParser } from './types.js';
import { userOfResource } from '../../src/core/users.js';
import { cutRequest } from './cut-request.js';

const ACCESS = /^(\d{3}) ([A-Z]+) (\S+?)(?: (?:->|\u2192) (\S+))?(?: \((?:(.*)@)?([^@()\s]*)\))? (\d+(?:\.\d+)?)ms(?: referer=\S*)?$/;

// What can follow the URI of a cut access line: a whole redirect and `(user@ip)` (then the name is
// the line's) with a piece of the duration, or a piece of `(user@ip)`, which names nobody for sure
// (`(alice@exam` may be `(alice@example.org@…`).
const CUT_TAIL = /^(?: (?:->|\u2192) (\S+)(?= |$))?(?: \((?:(.*)@)?([^@()\s]*)\)(?: [\d.]*m?)?| \([^()]*)?$/;

/** A cut access line (cut-request.ts): what is there, and no duration. Only the hub's `log:` lines, which are always access lines. */
function parseCutAccess(msg: string): AccessFields | null {
  const c = cutRequest(msg);
  const m = c ? CUT_TAIL.exec(c.rest) : null;
  if (!c || !m) return null;
  return {
    status: c.status, method: c.method, path: c.path, query: c.query,
    user: m[2] ? m[2] : null, ip: m[3] ?? '', durationMs: null, location: m[1] ?? null, cut: c.cut,
  };
}

function parseAccessFields(msg: string, cut: boolean): AccessFields | null {
  const m = ACCESS.exec(msg);
  if (!m) return cut ? parseCutAccess(msg) : null;
  const q = m[3].indexOf('?');
  return {
    status: Number(m[1]), method: m[2], path: q < 0 ? m[3] : m[3].slice(0, q), query: q < 0 ? null : m[3].slice(q + 1),
    user: m[5] ? m[5] : null, ip: m[6] ?? '', durationMs: Number(m[7]), location: m[4] ?? null,
  };
}

export const access: MessageParser = {
  name: 'access',
  parse(msg, p) {
    if (p.module !== 'log' && p.module !== 'web' && p.module !== undefined) return null;
    const c = msg.charCodeAt(0);
    if (c < 49 || c > 53) return null;
    const a = parseAccessFields(msg, p.cut === true && p.module === 'log');
    if (!a) return null;
    if (a.method === 'DELETE' && a.status >= 200 && a.status < 300 && a.cut !== 'path') {
      const target = userOfResource(a.path);
      if (target !== null) return { kind: 'user-deleted', target, actor: a.user, ...a } satisfies Fields;
    }
    return { kind: 'access', ...a };
  },
  needles: [
    { status: 'error', why: 'refused and failed requests' },
    { method: 'DELETE', why: 'user deletions' },
    { status: 201, method: 'POST', why: 'users created through the API' },
    { pathEnd: '/login', named: true, why: 'successful form logins' },
    { pathEnd: '/oauth_callback', named: true, why: 'successful OAuth logins (the user is named from JupyterHub 4.1.2)' },
    { pathEnd: '/login', status: 200, method: 'POST', why: 'a refused form login is answered 200 with the login page again' },
    { pathEnd: '/oauth_callback', status: 200, method: 'POST', why: 'a form posted to the OAuth callback' },
    { pathEnd: '/api/users', why: "the culler's cycle (for its cadence)" },
  ],
  samples: [
    { line: '[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice@example.com (jupyterhub-idle-culler@::1) 85.12ms', kind: 'user-deleted' },
    { line: '[W 2025-05-14 13:40:02.120 JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret]&code=[secret] (@10.0.2.15) 311.40ms', kind: 'access' },
    { line: '[I 2025-05-14 13:39:58.001 JupyterHub log:192] 302 GET /hub/ -> /hub/login?next=%2Fhub%2F (@10.0.2.15) 0.95ms', kind: 'access' },
    { line: '[I 2018-02-26 13:11:23.354 JupyterHub log:122] 204 DELETE /hub/api/users/$user (cull-idle@127.0.0.1) 19.10ms', kind: 'user-deleted' },
    { line: '[I 2017-11-02 10:00:00.000 JupyterHub log:100] 302 GET /hub/ \u2192 /hub/login (@10.0.0.1) 1.00ms', kind: 'access' },
    { line: '[W 2015-07-25 02:05:00.725 JupyterHub log:100] 403 GET /hub/oauth_callback?code=[secret] 311.85ms', kind: 'access' },
    { line: '[W 21:35:59.166 NotebookApp] 403 GET /api/kernels?1672259759163 (127.0.0.1) 0.720000ms referer=None', kind: 'access' },
    { line: '[W 2024-03-21 19:39:48.510 ServerApp] 403 POST /user/jo/api/contents (jo@10.100.1.0) 2.51ms referer=https://hub.example.org/user/jo/lab', kind: 'access' },
    { line: '[W 190722 14:43:58 web:2246] 403 GET /oauth_callback?code=[secret] (127.0.0.1) 3.21ms', kind: 'access' },
  ],
};
