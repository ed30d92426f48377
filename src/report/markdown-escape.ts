// Log text is untrusted: a user name such as `*bob*|<img src=x>` must reach a Markdown ticket as
// those characters, neither formatting, a new table column, raw HTML nor a link. Every Markdown
// writer (analyze's report, the check-* results) escapes through these.
import { stripControls } from '../core/text.js';

const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Text as literal Markdown, fit for a table cell: line breaks become spaces; `<`, `>` and `&` become
 * entities (no HTML, no `<…>` autolink, no entity of the log's own); every other character that
 * Markdown gives a meaning gets a backslash, and so do the `:` of `://` and the `.` of `www.`, which
 * GitHub would otherwise turn into a link to wherever the log says. An e-mail address is left as it
 * is (GitHub links it to mailto:): user names often are addresses, and are read as such.
 */
export function mdEscape(s: string | null | undefined): string {
  return stripControls(s ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_~[\]<>|#&!]/g, (ch) => ENTITY[ch] ?? '\\' + ch)
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => w.slice(0, 3) + '\\.');
}

/** An inline code span: backslash escapes are literal inside one, so the text goes in unescaped. */
export function mdCode(s: string): string {
  const body = stripControls(s).replace(/\r?\n/g, ' ');
  let tick = '`';
  while (body.includes(tick)) tick += '`';
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${tick}${pad}${body}${pad}${tick}`;
}

/** A fenced block that no line in it can close: the fence is longer than any backtick run inside. */
export function mdFence(lines: string[]): string {
  const body = lines.map(stripControls).join('\n');
  let f = '```';
  while (body.includes(f)) f += '`';
  return `${f}text\n${body}\n${f}`;
}
