// Line numbers an editor or a pager (`less -N`, vim's `:set nu`) shows, copied with the text: the
// number right-aligned, then one space. CHP and kubectl lines start with digits too, but never with
// digits and a space; and only a log line's start (a prefix, or a 4-space continuation) may follow,
// so a sentence that starts with a number is not taken for one.
import { DIGITS, type Envelope } from './types.js';

const NUMBERED = /^ {0,6}\d{1,6} (?=\[[DIWEC] \d| {4})/;

export const editorLineNumbers: Envelope = {
  ids: ['line-numbers'],
  title: 'line numbers from editors and pagers (a space after the number)',
  starts: ' ' + DIGITS,
  nests: true,
  unwrap(line) {
    const m = NUMBERED.exec(line);
    return m ? { envelope: 'line-numbers', text: line.slice(m[0].length), t: NaN } : null;
  },
  samples: [
    { line: ' 10 [W 2025-03-11 16:45:09.714 JupyterHub base:943] Failed login for unknown user', envelope: 'line-numbers', text: '[W 2025-03-11 16:45:09.714 JupyterHub base:943] Failed login for unknown user' },
  ],
};
