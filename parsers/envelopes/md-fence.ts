// A Markdown code fence (or an inline-code backtick) fused onto the first log line of a paste:
// "```[I 2024-06-24 …". The fence alone on its line is a paste artefact (parsers/artifacts/).
import type { Envelope } from './types.js';

const FENCE = /^(?:`{3,}|~{3,}|`)(?=\[[DIWEC] \d)/;

export const mdFence: Envelope = {
  ids: ['markdown'],
  title: 'Markdown around a pasted log (> quotes, emphasis, a code fence on the first line)',
  starts: '`~',
  nests: true,
  unwrap(line) {
    const m = FENCE.exec(line);
    return m ? { envelope: 'markdown', text: line.slice(m[0].length), t: NaN } : null;
  },
  samples: [
    { line: '```[I 2024-06-24 17:02:10.318 JupyterHub roles:239] Adding role user for User: student01', envelope: 'markdown', text: '[I 2024-06-24 17:02:10.318 JupyterHub roles:239] Adding role user for User: student01' },
  ],
};
