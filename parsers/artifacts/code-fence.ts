// Markdown code fences around a pasted log (```, ```log, ~~~), and the lone backtick of an inline
// code span that was stretched over a paste.
import type { Artifact } from './types.js';

const FENCE = /^\s*(?:`{3,}|~{3,})[\w+#.-]*\s*$|^\s*`\s*$/;

export const codeFence: Artifact = {
  id: 'code-fence',
  title: 'Markdown code fences (```, ```log, ~~~)',
  test: (text) => FENCE.test(text),
  samples: ['```', '```log', '````bash', '~~~', '  ```', '`'],
};

/** Whether a line opens or closes a fenced block (the lone backtick does neither). */
export function isFence(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('```') || t.startsWith('~~~');
}
