// Fitting text to a terminal's width. Widths are terminal columns as string-width counts them (the
// measure cli-table3 uses too): a CJK character or an emoji takes two, a combining mark none, colour
// codes nothing.
import Table from 'cli-table3';
import stringWidth from 'string-width';

/** No limit: one line per paragraph and per table row (`--wide`, and reports read by programs). */
export const UNLIMITED = Number.POSITIVE_INFINITY;

// A break never parts a date from its time (2025-05-13 13:02:52) or a number from its unit (1 h 0 min).
const KEEP_TOGETHER = / (?!\d\d:\d\d|(?:d|h|min|s|ms)\b)/;

/** `text` broken at spaces into lines of at most `width` columns; the first starts with `first`, the rest with `rest`. */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (let word of text.split(KEEP_TOGETHER)) {
    if (word === '') continue;
    if (!empty && stringWidth(line) + 1 + stringWidth(word) > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    // A word longer than a whole line (a URL, a long path) is the only thing broken inside.
    while (empty && stringWidth(line) + stringWidth(word) > width) {
      const [head, tail] = splitAt(word, Math.max(1, width - stringWidth(line)));
      lines.push(line + head);
      line = rest;
      word = tail;
    }
    if (word === '') continue;
    line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** The longest start of `s` that fits in `cols` columns, and the rest. */
function splitAt(s: string, cols: number): [string, string] {
  let head = '';
  for (const ch of s) {
    if (stringWidth(head + ch) > cols) break;
    head += ch;
  }
  if (head === '') head = [...s][0];
  return [head, s.slice(head.length)];
}

export interface Column {
  head: string;
  /** Lower goes first when the width runs short: 1 is kept longest. */
  priority: number;
  /** Fewest columns it may be cut to (with …); its full width when absent. */
  min?: number;
  /** Where a cut cell loses its characters: at the end (the default), or in the middle, for a
   * request whose method and route both matter. */
  cut?: 'end' | 'middle';
}

// No box and no rule between rows: two spaces between columns and one rule under the head, so a
// row is one line of the terminal and 80 columns hold five or six of them.
const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '─', 'mid-mid': '  ', right: '', 'right-mid': '', middle: '  ',
};
const GAP = 2;

/**
 * A table that fits `width`: columns the width cannot hold are dropped, least important first,
 * then the ones that may be cut share what is left. Returns the lines and the heads it dropped.
 */
export function fitTable(columns: Column[], rows: string[][], width: number, headStyle: string[] = []): { lines: string[]; dropped: string[] } {
  const natural = columns.map((c, k) => Math.max(stringWidth(c.head), ...rows.map((r) => stringWidth(r[k]))));
  const least = columns.map((c, k) => Math.min(natural[k], Math.max(c.min ?? natural[k], stringWidth(c.head))));
  const widths = [...natural];
  const total = (ks: number[]) => ks.reduce((s, k) => s + widths[k], 0) + GAP * (ks.length - 1);
  const byImportance = columns.map((_, k) => k).sort((a, b) => columns[a].priority - columns[b].priority);
  // Whole columns go first, least important first, so a column is never cut to keep a lesser one;
  // then those dropped come back cut, most important first, where their shortest form fits.
  const keep = [...byImportance];
  while (keep.length > 1 && total(keep) > width) keep.pop();
  if (total(keep) > width) widths[keep[0]] = width;
  for (const k of byImportance.filter((x) => !keep.includes(x))) {
    widths[k] = least[k];
    if (total([...keep, k]) <= width) keep.push(k);
  }
  let spare = width - total(keep);
  for (const k of keep) {
    const more = Math.min(spare, natural[k] - widths[k]);
    widths[k] += more;
    spare -= more;
  }
  keep.sort((a, b) => a - b);
  const table = new Table({
    head: keep.map((k) => columns[k].head),
    chars: CHARS,
    colWidths: keep.map((k) => widths[k]),
    wordWrap: false,
    style: { head: headStyle, border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  const cell = (r: string[], k: number) => (columns[k].cut === 'middle' && stringWidth(r[k]) > widths[k] ? cutMiddle(r[k], widths[k]) : r[k]);
  for (const r of rows) table.push(keep.map((k) => cell(r, k)));
  return { lines: table.toString().split('\n').map((l) => l.trimEnd()), dropped: columns.filter((_, k) => !keep.includes(k)).map((c) => c.head) };
}

/** `403 GET…oauth_callback`: the start and the end of `s` in `cols` columns. */
function cutMiddle(s: string, cols: number): string {
  // Up to the last space when that is short (`403 GET`), else a third.
  const space = s.lastIndexOf(' ');
  const [head] = space > 0 && stringWidth(s.slice(0, space)) <= cols / 2 ? [s.slice(0, space)] : splitAt(s, Math.floor((cols - 1) / 3));
  const chars = [...s];
  let tail = '';
  for (let i = chars.length - 1; i >= 0 && stringWidth(chars[i] + tail) <= cols - 1 - stringWidth(head); i--) tail = chars[i] + tail;
  return `${head}…${tail}`;
}
