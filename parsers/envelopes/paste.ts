// Wrappers that pasted logs arrive in, around an otherwise intact hub/culler/proxy line:
//   syslog / journalctl (short, short-precise):  `Nov 25 10:00:00 host hub[123]: [I 2025-…`
//   journalctl short-iso(-precise):             `2025-11-25T10:00:00+0000 host hub[123]: [I 2025-…`
//   docker compose logs:                        `hub-1  | [I 2025-…`  (optionally coloured, optionally
//                                               followed by `--timestamps`' RFC 3339 time)
// Only the wrapper is taken off; what is inside goes through the usual shape parsers, so a wrapped
// line that is not a hub line stays unparsed. unwrap() calls this only for lines that none of the
// machine envelopes claimed, after cheap character checks, so the hot path does not pay for it.
import type { Unwrapped } from './types.js';
import { looksLikeRfc3339At, rfc3339End } from './rfc3339.js';

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
const isDigit = (c: number) => c >= 48 && c <= 57;

// ` host tag[pid]: ` after the time. The tag is a program name (no spaces, colons or brackets).
const HOST_TAG = /^ ([^\s:]+) ([\w.@/-]{1,64})(?:\[\d{1,10}\])?: /;
// compose: service name (v1 `hub_1`, v2 `hub-1`), padding spaces, `|` (its colour reset when
// coloured), one space (or end of line).
// eslint-disable-next-line no-control-regex -- a coloured compose prefix carries ESC
const COMPOSE = /^([A-Za-z0-9][\w.-]{0,127}) *\|(?:\x1b\[[0-9;]*m)?(?: |$)/;
// eslint-disable-next-line no-control-regex -- colour codes begin with ESC
const LEADING_ANSI = /^(?:\x1b\[[0-9;]*m)+/;

function afterHostTag(line: string, i: number): { text: string; host: string } | null {
  const m = HOST_TAG.exec(line.slice(i, i + 200));
  if (!m) return null;
  return { text: padless(line.slice(i + m[0].length)), host: m[1] };
}

/** Terminal copies right-pad lines with spaces; a hub/culler line (`[`…) never ends in meaningful ones. */
function padless(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return text.charCodeAt(0) === 91 && (last === 32 || last === 9) ? text.trimEnd() : text;
}

/** `Mmm dd HH:MM:SS[.ffffff] host tag[pid]: ` (no year: the envelope time is left unknown). */
function unwrapSyslog(line: string): Unwrapped | null {
  if (line.length < 20 || line.charCodeAt(3) !== 32 || line.charCodeAt(9) !== 58 || line.charCodeAt(12) !== 58) return null;
  if (!MONTHS.has(line.slice(0, 3))) return null;
  const d1 = line.charCodeAt(4);
  if (!(d1 === 32 || isDigit(d1)) || !isDigit(line.charCodeAt(5)) || line.charCodeAt(6) !== 32) return null;
  let i = 15;
  if (line.charCodeAt(i) === 46) {
    i++;
    while (isDigit(line.charCodeAt(i))) i++;
  }
  const r = afterHostTag(line, i);
  return r ? { envelope: 'syslog', text: r.text, t: NaN } : null;
}

/** journalctl `-o short-iso`: RFC 3339-like time with a numeric zone (`+0000` or `+00:00`). */
function unwrapJournalIso(line: string): Unwrapped | null {
  if (!looksLikeRfc3339At(line, 0)) return null;
  let j = 19;
  if (line.charCodeAt(j) === 46) {
    j++;
    while (isDigit(line.charCodeAt(j))) j++;
  }
  const z = line.charCodeAt(j);
  let end: number;
  if (z === 90) end = j + 1;
  else if ((z === 43 || z === 45) && isDigit(line.charCodeAt(j + 1)) && isDigit(line.charCodeAt(j + 2))) {
    end = line.charCodeAt(j + 3) === 58 ? j + 6 : j + 5;
  } else return null;
  const r = afterHostTag(line, end);
  if (!r) return null;
  const stamp = line.slice(0, end);
  // Date.parse wants `+00:00`; journalctl writes `+0000`.
  const t = Date.parse(stamp.length === j + 5 ? stamp.slice(0, j + 3) + ':' + stamp.slice(j + 3) : stamp);
  return { envelope: 'syslog', text: r.text, t: Number.isFinite(t) ? t : NaN };
}

function unwrapCompose(line: string): Unwrapped | null {
  let s = line;
  if (s.charCodeAt(0) === 27) s = s.replace(LEADING_ANSI, '');
  const bar = s.indexOf('|');
  if (bar < 1 || bar > 160) return null;
  const m = COMPOSE.exec(s);
  if (!m) return null;
  let text = s.slice(m[0].length);
  // `docker compose logs --timestamps` puts the container runtime's RFC 3339 time after the bar.
  let t = NaN;
  if (looksLikeRfc3339At(text, 0)) {
    const end = rfc3339End(text, 0);
    if (end > 0 && text.charCodeAt(end) === 32 && !text.startsWith('[ConfigProxy]', end + 1)) {
      t = Date.parse(text.slice(0, end));
      text = text.slice(end + 1);
    }
  }
  return { envelope: 'compose', text: padless(text), t, container: m[1] };
}

/**
 * The hub line inside a pasted wrapper, or null. Call only for lines no machine envelope took.
 * `digit`: the line starts with a digit (journalctl short-iso); otherwise syslog or compose.
 */
export function unwrapPaste(line: string): Unwrapped | null {
  const c = line.charCodeAt(0);
  if (isDigit(c)) return unwrapJournalIso(line);
  if (c >= 65 && c <= 90) {
    const u = unwrapSyslog(line);
    if (u) return u;
  }
  // A compose prefix always has ` | ` or `|` near the start; check before any regex.
  return line.indexOf('|') > 0 ? unwrapCompose(line) : null;
}
