// Pasted syslog / journalctl (short, short-precise) lines: `Mmm dd HH:MM:SS[.ffffff] host tag[pid]: `,
// the month in the host's language, the host left out by `--no-hostname`. No year: the envelope
// gives a stamp that the record assembly dates from the records around it (the in-line dates).
import { LOWER, UPPER, type Envelope } from './types.js';
import { afterHostTag, afterTag } from './host-tag.js';
import { monthAt } from './months.js';

const isDigit = (c: number) => c >= 48 && c <= 57;
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

export const syslog: Envelope = {
  ids: ['syslog'],
  title: 'pasted syslog and journalctl lines (host tag[pid]: before the line; month names in English, fr, de, it, es, pt, nl)',
  starts: UPPER + LOWER,
  unwrap(line) {
    const m = monthAt(line);
    if (!m) return null;
    // `Nov  9` or `Nov 09`, then HH:MM:SS.
    let i = m.next;
    const d1 = line.charCodeAt(i);
    if (!(d1 === 32 || isDigit(d1)) || !isDigit(line.charCodeAt(i + 1)) || line.charCodeAt(i + 2) !== 32) return null;
    const day = d1 === 32 ? line.charCodeAt(i + 1) - 48 : two(line, i);
    i += 3;
    if (line.charCodeAt(i + 2) !== 58 || line.charCodeAt(i + 5) !== 58 || !isDigit(line.charCodeAt(i + 7))) return null;
    let ms = ((two(line, i) * 60 + two(line, i + 3)) * 60 + two(line, i + 6)) * 1000;
    i += 8;
    if (line.charCodeAt(i) === 46) {
      const from = ++i;
      while (isDigit(line.charCodeAt(i))) i++;
      ms += Math.floor(Number(line.slice(from, i).padEnd(3, '0').slice(0, 3)));
    }
    if (!(ms >= 0 && ms < 86_400_000) || day < 1 || day > 31) return null;
    const tagged = afterHostTag(line, i) ?? afterTag(line, i);
    return tagged === null ? null : { envelope: 'syslog', text: tagged.text, t: NaN, stamp: { month: m.month, day, ms }, writer: tagged.tag, host: tagged.host };
  },
  samples: [
    { line: "Nov 25 10:00:00 jhub-vm jupyterhub[812]: [W 2025-11-25 10:00:00.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'syslog', text: "[W 2025-11-25 10:00:00.118 JupyterHub auth:534] User 'alice' not allowed." },
    { line: "sept. 29 13:56:57 jupyterhub[1749032]: [W 2024-09-29 13:56:57.757 JupyterHub auth:724] User 'lucie' not allowed.", envelope: 'syslog', text: "[W 2024-09-29 13:56:57.757 JupyterHub auth:724] User 'lucie' not allowed." },
    { line: 'mag 14 10:22:00.004127 tljh-srv python3[7758]: [I 250514 10:22:00 __init__:371] Culling user paolo (inactive for 1:13:59.512345)', envelope: 'syslog', text: '[I 250514 10:22:00 __init__:371] Culling user paolo (inactive for 1:13:59.512345)' },
    // An empty message, the space after the colon trimmed by the copy.
    { line: 'May 13 14:20:40.556000 jupyterhub[812]:', envelope: 'syslog', text: '' },
  ],
};
