// Terminal control sequences pasted in caret notation (`^[[1;7C`: ESC shown as `^[`), left before
// the first field of a line by a terminal that echoed cursor keys into the copy.
import type { Envelope } from './types.js';

const CARET = /^(?:\^\[\[[0-9;]*[A-Za-z])+/;

export const caretEscape: Envelope = {
  ids: ['plain'],
  title: 'caret-notation escapes (^[[1;7C) left before a pasted line',
  starts: '^',
  nests: true,
  unwrap(line) {
    const m = CARET.exec(line);
    return m ? { envelope: 'plain', text: line.slice(m[0].length), t: NaN } : null;
  },
  samples: [
    { line: '^[[1;7C[I 2016-11-15 13:55:47.987 JupyterHub log:100] 302 GET / (@172.18.0.2) 1.47ms', envelope: 'plain', text: '[I 2016-11-15 13:55:47.987 JupyterHub log:100] 302 GET / (@172.18.0.2) 1.47ms' },
  ],
};
