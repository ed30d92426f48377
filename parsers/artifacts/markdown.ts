// The reporter's Markdown around the log: headings, a bold line, list items and rules, Discourse's
// quote tags, the labels that introduce a code block ("relevant lines:").
import type { Artifact } from './types.js';

// Tried one by one, not joined into one pattern: joined, their back-references would count the
// groups of the patterns before them.
const MARKDOWN = [
  /^#{1,6}\s+\S/, /^#{3,}[^#]*#{3,}\s*$/, // headings, ########Error########
  /^\s*(\*\*|__)[^*_]+\1:?\s*$/, // a line in bold
  /^\s*(?:[-*+]|\d{1,2}[.)])\s+[^[\s]/, // a list item (a log line in a list item starts with `[`)
  /^\s*([-*_])(?:\s*\1){2,}\s*$/, // a horizontal rule
  /^\[(?:\/?quote(?:=[^\]]*)?|\/?code|\/?details(?:=[^\]]*)?|\/?spoiler)\]$/, // Discourse and BBCode tags
  /^\s*<\/?(?:details|summary|pre|code)>/, // HTML in Markdown
  /^(?!Traceback )[A-Za-z(][^[\]{}=<>|]{0,118} [^[\]{}=<>|]*:\s*$/, // a label ending with a colon
];

export const markdown: Artifact = {
  id: 'markdown',
  title: 'Markdown around the log (headings, lists, quote tags, "relevant lines:")',
  test: (text) => MARKDOWN.some((r) => r.test(text)),
  samples: ['### JupyterHub logs of high relevance', '########Error########', '**Error Output**', '- Hub logs when the server of erin times out:', '1. Right after every redeploy of a hub we see this once:', '[quote="mira, post:1, topic:21877"]', '[/quote]', 'relevant lines:', 'Here is what the hub says:', '***'],
};
