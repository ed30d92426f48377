// tornado's RequestHandler.log_exception: `<status> <METHOD> <raw uri> (<ip>): <message>` for an
// HTTPError with a message, under `web:N` in every prefix that has a module (the hub, the
// single-user mixin, tornado's own defaults) and as the whole message of a jupyter_server or
// notebook line, whose prefix has none. tornado's own access line under `web:N` is access.ts's.
// The URI is NOT scrubbed by JupyterHub; secrets.ts scrubs the record, and whom an OAuth state in
// it leads to is read here, from the line as written, before that.
import type { Fields, MessageParser } from './types.js';
import type { Prefixed } from '../shapes/types.js';
import { hintOf } from './refused.js';
import { cutRequest } from './cut-request.js';
import { wholeUri } from '../../src/core/users.js';

const HTTP_ERROR = /^(\d{3}) ([A-Z]+) (\S+) \(([^()\s]*)\): ?([\s\S]*)$/;

const pathOf = (uri: string) => {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
};

/** The raw URI of the same line as written (`msg` has its secrets replaced already). */
function rawUri(raw: string): string {
  const sp = raw.indexOf(' ', raw.indexOf(' ') + 1);
  const end = raw.indexOf(' ', sp + 1);
  return raw.slice(sp + 1, end < 0 ? raw.length : end);
}

// What can follow the URI of a cut warning: a piece of ` (<ip>): <message>`; the IP only when its `)` is there.
const CUT_TAIL = /^(?: \(([^()\s]*)(\)(?::(?: [\s\S]*)?)?)?)?$/;

/**
 * A cut `web:` request line (cut-request.ts). Only under a logger's prefix: the programs that name
 * one (the hub, the single-user servers) write their access lines under `log:`, so a request line
 * under `web:` is tornado's warning; under tornado's defaults it may be tornado's access line too.
 */
function cutWarning(msg: string, p: Prefixed): Fields | null {
  const c = cutRequest(msg);
  const m = c ? CUT_TAIL.exec(c.rest) : null;
  if (!c || !m) return null;
  const fields: Fields = { kind: 'http-error', status: c.status, method: c.method, path: c.path, ip: m[2] ? m[1] : '', message: '', cut: c.cut };
  const hint = c.cut !== 'path' && c.query !== null ? hintOf(wholeUri(rawUri(p.msg), c.cut)) : null;
  if (hint) fields.hint = hint;
  return fields;
}

export const web: MessageParser = {
  name: 'web',
  parse(msg, p): Fields | null {
    if (p.module !== 'web' && (p.module !== undefined || p.shape === 'chp')) return null;
    const m = HTTP_ERROR.exec(msg);
    if (!m) return p.cut === true && p.module === 'web' && p.logger !== undefined ? cutWarning(msg, p) : null;
    const fields: Fields = { kind: 'http-error', status: Number(m[1]), method: m[2], path: pathOf(m[3]), ip: m[4], message: m[5] };
    const hint = m[3].includes('?') ? hintOf(rawUri(p.msg)) : null;
    if (hint) fields.hint = hint;
    return fields;
  },
  needles: [{ status: 'error', why: "tornado's warning for a refused or failed request" }],
  samples: [
    { line: "[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 GET /hub/oauth_callback?state=abc&code=4/0Aa (10.0.2.15): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.", kind: 'http-error' },
    { line: "[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 POST /hub/login (10.0.2.15): '_xsrf' argument missing from POST", kind: 'http-error' },
    { line: "[W 2024-03-21 19:39:48.510 ServerApp] 403 POST /user/jo/rstudio/rpc/client_init (10.100.1.0): '_xsrf' argument missing from POST", kind: 'http-error' },
    { line: '[W 2018-05-01 17:57:19.431 SingleUserNotebookApp web:1670] 403 GET /user/mrossi/api/contents (127.0.0.1): Forbidden', kind: 'http-error' },
    { line: '[W 190722 14:43:58 web:1782] 403 GET /oauth_callback?code=[secret]&state=[secret] (127.0.0.1): oauth state does not match. Try logging in again.', kind: 'http-error' },
    { line: '[W 2022-10-10 14:34:49.703 JupyterHub web:[179](https://github.com/example-org/binderhub/actions/runs/1/jobs/2#step:28:182)6] 403 GET /hub/api/oauth2/authorize (::ffff:10.1.1.85): You do not have permission to access JupyterHub service binder', kind: 'http-error' },
  ],
};
