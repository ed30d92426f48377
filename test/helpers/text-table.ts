// Reads a table of the text report back into cells: the rule under the head (runs of ─ two spaces
// apart) says where each column starts and ends.
import assert from 'node:assert/strict';

/** The head and body rows of the first table after the line matching `heading`, cells trimmed. */
export function tableAfter(text: string, heading: RegExp): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  assert.ok(start >= 0, `heading ${heading}`);
  const rule = lines.findIndex((l, i) => i > start && /^─+(?: {2}─+)*$/.test(l));
  assert.ok(rule > start, `a table after ${heading}`);
  const spans = [...lines[rule].matchAll(/─+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const cells = (l: string) => spans.map(([a, b], k) => (k === spans.length - 1 ? l.slice(a) : l.slice(a, b)).trim());
  const rows = [cells(lines[rule - 1])];
  for (let i = rule + 1; i < lines.length && lines[i] !== '' && !lines[i].startsWith('('); i++) rows.push(cells(lines[i]));
  return rows;
}
