// Pasted syslog / journalctl (short, short-precise) lines: `Mmm dd HH:MM:SS[.ffffff] host tag[pid]: `.
// No year, so the envelope gives no time and the line's own time is used.
import { UPPER, type Envelope } from './types.js';
import { afterHostTag } from './host-tag.js';

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
const isDigit = (c: number) => c >= 48 && c <= 57;

export const syslog: Envelope = {
  ids: ['syslog'],
  title: 'pasted syslog and journalctl lines (host tag[pid]: before the line)',
  starts: UPPER,
  unwrap(line) {
    if (line.length < 20 || line.charCodeAt(3) !== 32 || line.charCodeAt(9) !== 58 || line.charCodeAt(12) !== 58) return null;
    if (!MONTHS.has(line.slice(0, 3))) return null;
    const d1 = line.charCodeAt(4);
    if (!(d1 === 32 || isDigit(d1)) || !isDigit(line.charCodeAt(5)) || line.charCodeAt(6) !== 32) return null;
    let i = 15;
    if (line.charCodeAt(i) === 46) {
      i++;
      while (isDigit(line.charCodeAt(i))) i++;
    }
    const text = afterHostTag(line, i);
    return text === null ? null : { envelope: 'syslog', text, t: NaN };
  },
  samples: [
    { line: "Nov 25 10:00:00 jhub-vm jupyterhub[812]: [W 2025-11-25 10:00:00.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'syslog', text: "[W 2025-11-25 10:00:00.118 JupyterHub auth:534] User 'alice' not allowed." },
  ],
};
