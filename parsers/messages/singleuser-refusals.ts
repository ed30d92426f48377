// A single-user server's own refusals (JupyterHub's auth in the pod, jupyter_server, notebook) and
// what it logs when the hub refuses it: its activity reports, its token checks. Loggers
// `SingleUserNotebookApp`, `SingleUserLabApp`, `JupyterHubSingleUser`, `ServerApp`, `NotebookApp`.
import type { Fields, MessageParser } from './types.js';
import { refused, refusedStatus } from './refused.js';
import { userFromPath } from '../../src/core/users.js';

const NOT_ALLOWING = /^Not allowing (?:Hub )?(user|service) (.+?)(?:: missing required scopes)?$/;
// JupyterHub 0.8 mixin servers: `user bob is not allowed.` / `service x is not allowed.`
const KIND_NOT_ALLOWED = /^(user|service) (\S+) is not allowed\.$/;
const COOKIE_AUTH = /^Not accepting cookie auth on ([A-Z]+) (\S+): (.*)$/;
const BLOCKING_FOR = /^Blocking (?:Cross Origin (?:API )?request for (\S+?)\.|request with non-local 'Host'|Cross Origin WebSocket Attempt|request with no (?:host|referer)|request from unknown origin)/;
const TOKEN_LINES = [
  'No Hub user identified for request',
  'Token stored in cookie may have expired',
  'Failed to check authorization: ',
  "I don't have permission to check authorization with JupyterHub",
  "Couldn't authenticate ",
];

export const singleuserRefusals: MessageParser = {
  name: 'singleuser-refusals',
  parse(msg): Fields | null {
    switch (msg[0]) {
      case 'E': {
        if (!msg.startsWith('Error notifying Hub of activity')) return null;
        // Each try's 403; after 60 s the same line ends in a timeout, whose 403s came before it.
        const status = refusedStatus(msg);
        return status === undefined ? null : refused('activity', { status, detail: 'activity report refused' });
      }
      case 'N': {
        let m = NOT_ALLOWING.exec(msg);
        if (m && !msg.startsWith('Not allowing POST')) return refused('server-access', { user: m[2], detail: `Hub ${m[1]} without access to this server` });
        m = COOKIE_AUTH.exec(msg);
        // The reason is the HTTPError the check raised (`HTTP 403: Forbidden (…)`): it tells the status.
        if (m) return refused(/xsrf/i.test(m[3]) ? 'xsrf' : 'token', { method: m[1], path: m[2], user: userFromPath(m[2]), via: 'path', status: refusedStatus(m[3]), detail: m[3] });
        break;
      }
      case 'u':
      case 's': {
        const m = KIND_NOT_ALLOWED.exec(msg);
        if (m) return refused('server-access', { user: m[1] === 'user' ? m[2] : null, detail: `Hub ${m[1]} ${m[2]} not allowed on this server` });
        return null;
      }
      case 'B': {
        const m = BLOCKING_FOR.exec(msg);
        if (m) return refused('cross-origin', { path: m[1] ?? null, user: m[1] ? userFromPath(m[1]) : null, via: 'path', detail: msg.split('.')[0] });
        return null;
      }
      case 'F':
        // notebook's bare `Forbidden` before a 403 it does not explain.
        if (msg === 'Forbidden') return refused('forbidden');
        break;
      default:
    }
    for (const t of TOKEN_LINES) if (msg.startsWith(t)) return refused('token', { status: refusedStatus(msg) ?? null, detail: t.trim() });
    return null;
  },
  needles: [
    { text: 'Error notifying Hub of activity', at: 'start', why: "a server's activity report refused by the hub" },
    { text: 'Not allowing ', at: 'start', why: 'a single-user server refusing a hub user or service without access to it' },
    { text: ' is not allowed.', at: 'end', why: 'a single-user server refusing a hub user or service (JupyterHub 0.8)' },
    { text: 'Not accepting cookie auth on ', at: 'start', why: "a single-user server's XSRF check" },
    { text: 'Blocking ', at: 'start', why: "a single-user server's cross-origin and host checks" },
    { text: 'Forbidden', at: 'start', why: "notebook's bare refusal" },
    ...TOKEN_LINES.map((text) => ({ text, at: 'start' as const, why: 'a token the hub no longer accepts' })),
  ],
  samples: [
    { line: '[E 2025-10-07 08:11:03.303 JupyterHubSingleUser extension:440] Error notifying Hub of activity: HTTP 403: Forbidden', kind: 'request-refused' },
    { line: '[W 2023-09-14 08:03:40.022 SingleUserLabApp auth:449] No Hub user identified for request', kind: 'request-refused' },
    { line: '[W 2021-09-14 08:03:40.022 SingleUserNotebookApp auth:612] Not allowing Hub user bob: missing required scopes', kind: 'request-refused' },
    { line: '[W 2018-09-14 08:03:40.022 SingleUserLabApp handlers:479] service data301 is not allowed.', kind: 'request-refused' },
    { line: "[E 2024-03-21 19:39:48.509 ServerApp auth:1200] Not accepting cookie auth on POST /user/jo/rstudio/rpc/client_init: HTTP 403: Forbidden ('_xsrf' argument missing from POST)", kind: 'request-refused' },
    { line: '[W 2024-03-21 19:39:48.509 ServerApp handlers:600] Blocking Cross Origin API request for /user/jo/api/contents.  Origin: https://evil.example, Host: hub.example.org', kind: 'request-refused' },
    { line: "[E 2019-08-07 09:31:02.120 SingleUserLabApp auth:351] I don't have permission to check authorization with JupyterHub, my auth token may have expired: [403] Forbidden", kind: 'request-refused' },
    { line: '[W 2022-12-28 21:36:01.825 SingleUserNotebookApp log:100] Forbidden', kind: 'request-refused' },
  ],
};
