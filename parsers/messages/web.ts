// tornado's RequestHandler.log_exception: `<status> <METHOD> <raw uri> (<ip>): <message>` for an
// HTTPError with a message; and tornado's own access line `<status> <METHOD> <uri> (<ip>) <ms>ms` of apps that keep it (BinderHub
// and other services). The URI is NOT scrubbed by JupyterHub; secrets.ts scrubs the record, and
// whom an OAuth state in it leads to is read here, from the line as written, before that.
import type { Fields, MessageParser } from './types.js';
import { hintOf } from './refused.js';

const HTTP_ERROR = /^(\d{3}) ([A-Z]+) (\S+) \(([^()\s]*)\): ?([\s\S]*)$/;
const TORNADO_ACCESS = /^(\d{3}) ([A-Z]+) (\S+) \(([^()\s@]*)\) (\d+(?:\.\d+)?)ms$/;

const pathOf = (uri: string) => {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
};

/** The raw URI of the same line as written (`msg` has its secrets replaced already). */
function rawUri(raw: string): string {
  const sp = raw.indexOf(' ', raw.indexOf(' ') + 1);
  return raw.slice(sp + 1, raw.indexOf(' ', sp + 1));
}

export const web: MessageParser = {
  name: 'web',
  parse(msg, p): Fields | null {
    // Single-user servers' tornado lines have no module (jupyter_server's prefix).
    if (p.module !== 'web' && p.module !== undefined) return null;
    const m = HTTP_ERROR.exec(msg);
    if (!m) {
      const a = p.module === 'web' ? TORNADO_ACCESS.exec(msg) : null;
      if (!a) return null;
      const q = a[3].indexOf('?');
      return {
        kind: 'access', status: Number(a[1]), method: a[2], path: pathOf(a[3]), query: q < 0 ? null : a[3].slice(q + 1), user: null, ip: a[4],
        durationMs: Number(a[5]), location: null,
      };
    }
    const fields: Fields = { kind: 'http-error', status: Number(m[1]), method: m[2], path: pathOf(m[3]), ip: m[4], message: m[5] };
    const hint = m[3].includes('?') ? hintOf(rawUri(p.msg)) : null;
    if (hint) fields.hint = hint;
    return fields;
  },
  needles: [{ status: 'error', why: "tornado's warning for a refused or failed request" }],
  samples: [
    { line: "[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 GET /hub/oauth_callback?state=abc&code=4/0Aa (10.0.2.15): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.", kind: 'http-error' },
    { line: "[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 POST /hub/login (10.0.2.15): '_xsrf' argument missing from POST", kind: 'http-error' },
    { line: '[W 190722 14:43:58 web:2246] 403 GET /oauth_callback?code=x&state=y (127.0.0.1) 3.21ms', kind: 'access' },
  ],
};
