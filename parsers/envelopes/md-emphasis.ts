// Markdown emphasis a reporter put around a whole log line to point at it: `**[W …] …**`, `*[W …]*`,
// `__…__`, or around its message only, after the prefix (`[E …] **Proxy appears to be running …**`).
// Only when a log line's prefix is there: emphasis around prose is prose.
import type { Envelope } from './types.js';

const EMPHASIS = /^(\*\*|__|\*|_)(\[[DIWEC] \d.*?)\1\s*$/;
// Bold only: a message can end in `_` or `*` of its own, but never starts with two of them.
const MESSAGE_EMPHASIS = /^(\[[DIWEC] \d[^\]]*\] )(\*\*|__)(\S(?:.*\S)?)\2\s*$/;

export const mdEmphasis: Envelope = {
  ids: ['markdown'],
  title: 'Markdown around a pasted log (> quotes, emphasis, a code fence on the first line)',
  starts: '*_[',
  nests: true,
  unwrap(line) {
    if (line.charCodeAt(0) === 91) {
      // Most lines that start with `[` are records as they are: only one that ends in emphasis is looked at.
      let e = line.length - 1;
      while (e > 0 && (line.charCodeAt(e) === 32 || line.charCodeAt(e) === 9)) e--;
      if (line.charCodeAt(e) !== 42 && line.charCodeAt(e) !== 95) return null;
      const m = MESSAGE_EMPHASIS.exec(line);
      return m ? { envelope: 'markdown', text: m[1] + m[3], t: NaN } : null;
    }
    const m = EMPHASIS.exec(line);
    return m ? { envelope: 'markdown', text: m[2], t: NaN } : null;
  },
  samples: [
    { line: "**[W 2025-06-30 13:40:02.118 JupyterHub auth:534] User 'priya' not allowed.**", envelope: 'markdown', text: "[W 2025-06-30 13:40:02.118 JupyterHub auth:534] User 'priya' not allowed." },
    {
      line: "[E 2017-10-06 10:13:34.768 JupyterHub app:924] **Proxy appears to be running at http://*:8000/, but I can't access it (HTTP 403: Forbidden)**", envelope: 'markdown',
      text: "[E 2017-10-06 10:13:34.768 JupyterHub app:924] Proxy appears to be running at http://*:8000/, but I can't access it (HTTP 403: Forbidden)",
    },
  ],
};
