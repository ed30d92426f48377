// `cat -n` (and `nl`): the line number right-aligned in six columns, then a tab.
import { DIGITS, type Envelope } from './types.js';

const isDigit = (c: number) => c >= 48 && c <= 57;

export const catN: Envelope = {
  ids: ['line-numbers'],
  title: 'line numbers from cat -n and nl (a tab after the number)',
  starts: ' ' + DIGITS,
  nests: true,
  unwrap(line) {
    let i = 0;
    while (i < 6 && line.charCodeAt(i) === 32) i++;
    const from = i;
    while (i - from < 7 && isDigit(line.charCodeAt(i))) i++;
    if (i === from || line.charCodeAt(i) !== 9) return null;
    return { envelope: 'line-numbers', text: line.slice(i + 1), t: NaN };
  },
  samples: [
    { line: "    12\t[W 2025-02-03 13:40:02.118 JupyterHub auth:732] User 'bob' not allowed.", envelope: 'line-numbers', text: "[W 2025-02-03 13:40:02.118 JupyterHub auth:732] User 'bob' not allowed." },
  ],
};
