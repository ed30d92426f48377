// A hub line whose opening `[` the copy lost (`I 2017-03-02 10:15:42.119 JupyterHub base:322] …`).
// The rest of the prefix must be whole, up to its `module:line]`, so prose that starts with a
// capital letter and a date is not taken for one.
import type { Envelope } from './types.js';

const CUT = /^[DIWEC] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \S+ [\w.]+:\d+\] /;

export const missingBracket: Envelope = {
  ids: ['plain'],
  title: "hub lines whose opening '[' was lost in the copy",
  starts: 'DIWEC',
  unwrap(line) {
    return line.charCodeAt(1) === 32 && CUT.test(line) ? { envelope: 'plain', text: '[' + line, t: NaN } : null;
  },
  samples: [
    { line: 'I 2017-03-02 10:15:42.119 JupyterHub base:322] User xyz server took 1.007 seconds to start', envelope: 'plain', text: '[I 2017-03-02 10:15:42.119 JupyterHub base:322] User xyz server took 1.007 seconds to start' },
  ],
};
