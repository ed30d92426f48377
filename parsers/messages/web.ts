// tornado's RequestHandler.log_exception: `<status> <METHOD> <raw uri> (<ip>): <message>` for an
// HTTPError with a message. The URI is NOT scrubbed by JupyterHub; secrets.ts scrubs the record.
import type { Fields, MessageParser } from './types.js';

const HTTP_ERROR = /^(\d{3}) ([A-Z]+) (\S+) \(([^()\s]*)\): ?([\s\S]*)$/;

export const web: MessageParser = {
  name: 'web',
  parse(msg, p): Fields | null {
    if (p.module !== 'web') return null;
    const m = HTTP_ERROR.exec(msg);
    if (!m) return null;
    const q = m[3].indexOf('?');
    return { kind: 'http-error', status: Number(m[1]), method: m[2], path: q < 0 ? m[3] : m[3].slice(0, q), ip: m[4], message: m[5] };
  },
  needles: [{ status: 'error', why: "tornado's warning for a refused or failed request" }],
  samples: [
    { line: "[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 GET /hub/oauth_callback?state=abc&code=4/0Aa (10.0.2.15): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.", kind: 'http-error' },
    { line: "[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 POST /hub/login (10.0.2.15): '_xsrf' argument missing from POST", kind: 'http-error' },
  ],
};
