// Markdown and e-mail quotes: `> ` (nested `> > `) before each line of a pasted log. A bare `>` is
// a quoted blank line.
import type { Envelope } from './types.js';

export const mdQuote: Envelope = {
  ids: ['markdown'],
  title: 'Markdown around a pasted log (> quotes, emphasis, a code fence on the first line)',
  starts: '>',
  nests: true,
  unwrap(line) {
    let i = 0;
    while (line.charCodeAt(i) === 62) {
      i++;
      if (line.charCodeAt(i) === 32) i++;
    }
    return { envelope: 'markdown', text: line.slice(i), t: NaN };
  },
  samples: [
    { line: '> [I 2024-02-19 10:22:00.530 JupyterHub spawner:2812] Deleting pvc claim-chen-2eli-40example-2eedu', envelope: 'markdown', text: '[I 2024-02-19 10:22:00.530 JupyterHub spawner:2812] Deleting pvc claim-chen-2eli-40example-2eedu' },
  ],
};
