// A log viewer or CI console that prints the time of day before every line it shows: `13:40:02 `
// before the hub's own prefix, whose time it repeats (that equality is what tells it from a CHP
// line's time), and before each continuation line of the record.
import { DIGITS, type Envelope } from './types.js';

const HEAD = /^(\d\d:\d\d:\d\d) (?=\[[DIWEC] \d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)\.\d{3} )/;
const CONTINUATION = /^\d\d:\d\d:\d\d (?= {4})/;

export const viewerTime: Envelope = {
  ids: ['viewer-time'],
  title: 'log viewers that print the time of day before every line (13:40:02 [I 2022-06-08 13:40:02.301 …)',
  starts: DIGITS,
  unwrap(line) {
    if (line.charCodeAt(2) !== 58 || line.charCodeAt(5) !== 58 || line.charCodeAt(8) !== 32) return null;
    const m = HEAD.exec(line);
    if (m) return m[1] === m[2] ? { envelope: 'viewer-time', text: line.slice(9), t: NaN } : null;
    return CONTINUATION.test(line) ? { envelope: 'viewer-time', text: line.slice(9), t: NaN } : null;
  },
  samples: [
    { line: '13:45:27 [E 2022-06-08 13:45:27.112 SingleUserLabApp mixins:538] Error notifying Hub of activity', envelope: 'viewer-time', text: '[E 2022-06-08 13:45:27.112 SingleUserLabApp mixins:538] Error notifying Hub of activity' },
  ],
};
