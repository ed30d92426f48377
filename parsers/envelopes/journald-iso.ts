// journalctl `-o short-iso` / `short-iso-precise`: an RFC 3339-like time with a numeric zone
// (`+0000` or `+00:00`), then ` host tag[pid]: `.
import { DIGITS, type Envelope } from './types.js';
import { looksLikeRfc3339At } from './rfc3339.js';
import { afterHostTag } from './host-tag.js';
import { parseTime } from '../../src/core/time.js';

const isDigit = (c: number) => c >= 48 && c <= 57;

export const journaldIso: Envelope = {
  ids: ['syslog'],
  title: 'journalctl -o short-iso (host tag[pid]: before the line)',
  starts: DIGITS,
  unwrap(line) {
    if (!looksLikeRfc3339At(line, 0)) return null;
    let j = 19;
    if (line.charCodeAt(j) === 46) {
      j++;
      while (isDigit(line.charCodeAt(j))) j++;
    }
    const z = line.charCodeAt(j);
    let end: number;
    if (z === 90) end = j + 1;
    else if ((z === 43 || z === 45) && isDigit(line.charCodeAt(j + 1)) && isDigit(line.charCodeAt(j + 2))) end = line.charCodeAt(j + 3) === 58 ? j + 6 : j + 5;
    else return null;
    const tagged = afterHostTag(line, end);
    if (tagged === null) return null;
    const stamp = line.slice(0, end);
    // Date.parse wants `+00:00`; journalctl writes `+0000`.
    const t = parseTime(stamp.length === j + 5 ? stamp.slice(0, j + 3) + ':' + stamp.slice(j + 3) : stamp);
    return { envelope: 'syslog', text: tagged.text, t: Number.isFinite(t) ? t : NaN, writer: tagged.tag, host: tagged.host };
  },
  samples: [
    { line: "2025-11-25T10:00:00+0000 jhub-vm jupyterhub[812]: [W 2025-11-25 10:00:00.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'syslog', text: "[W 2025-11-25 10:00:00.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-11-25T10:00:00.000Z' },
  ],
};
