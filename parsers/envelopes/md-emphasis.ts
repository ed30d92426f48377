// Markdown emphasis a reporter put around a whole log line to point at it: `**[W …] …**`, `*[W …]*`,
// `__…__`. Only when a log line's prefix is inside: emphasis around prose is prose.
import type { Envelope } from './types.js';

const EMPHASIS = /^(\*\*|__|\*|_)(\[[DIWEC] \d.*?)\1\s*$/;

export const mdEmphasis: Envelope = {
  ids: ['markdown'],
  title: 'Markdown around a pasted log (> quotes, emphasis, a code fence on the first line)',
  starts: '*_',
  nests: true,
  unwrap(line) {
    const m = EMPHASIS.exec(line);
    return m ? { envelope: 'markdown', text: m[2], t: NaN } : null;
  },
  samples: [
    { line: "**[W 2025-06-30 13:40:02.118 JupyterHub auth:534] User 'priya' not allowed.**", envelope: 'markdown', text: "[W 2025-06-30 13:40:02.118 JupyterHub auth:534] User 'priya' not allowed." },
  ],
};
