// `docker compose logs`: `service  | ` before the line (v1 `hub_1`, v2 `hub-1`, swarm
// `svc.1.taskid@node`), optionally coloured, optionally followed by `--timestamps`' RFC 3339 time.
import { UPPER, type Envelope } from './types.js';
import { looksLikeRfc3339At, rfc3339End } from './rfc3339.js';
import { padless } from './host-tag.js';
import { parseTime } from '../../src/core/time.js';

// service name, padding spaces, `|` (its colour reset when coloured), one space (or end of line).
// eslint-disable-next-line no-control-regex -- a coloured compose prefix carries ESC
const COMPOSE = /^([A-Za-z0-9][\w.@-]{0,127}) *\|(?:\x1b\[[0-9;]*m)?(?: |$)/;
// eslint-disable-next-line no-control-regex -- colour codes begin with ESC
const LEADING_ANSI = /^(?:\x1b\[[0-9;]*m)+/;

export const compose: Envelope = {
  ids: ['compose'],
  title: 'docker compose logs ("service | " before the line)',
  starts: UPPER + UPPER.toLowerCase() + '\x1b',
  unwrap(line) {
    // A compose prefix always has `|` near the start; check before any regex.
    const bar = line.indexOf('|');
    if (bar < 1) return null;
    const s = line.charCodeAt(0) === 27 ? line.replace(LEADING_ANSI, '') : line;
    if (s.indexOf('|') > 160) return null;
    const m = COMPOSE.exec(s);
    if (!m) return null;
    let text = s.slice(m[0].length);
    let t = NaN;
    if (looksLikeRfc3339At(text, 0)) {
      const end = rfc3339End(text, 0);
      if (end > 0 && text.charCodeAt(end) === 32 && !text.startsWith('[ConfigProxy]', end + 1)) {
        t = parseTime(text.slice(0, end));
        text = text.slice(end + 1);
      }
    }
    return { envelope: 'compose', text: padless(text), t, container: m[1], writer: m[1] };
  },
  samples: [
    { line: "jupyterhub_1  | [W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'compose', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed." },
  ],
};
