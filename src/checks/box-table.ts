// The users table of the text output, drawn like cli-table3's default table. cli-table3 lays a
// table out in time quadratic in its rows (5 000 users took 13 s, 20 000 took minutes) and copies
// the rows onto the stack with its header (a stack overflow past about 120 000), while a hub or a
// database can list hundreds of thousands of users: one pass for the widths, one for the lines.
import stringWidth from 'string-width';

/** Rows of one-line cells, the first row the header; every row as long as the header. */
export function boxTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, stringWidth(r[c])), 0) + 2);
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
  const line = (r: string[]) => '│' + r.map((cell, c) => ` ${cell}${' '.repeat(widths[c] - 2 - stringWidth(cell))} `).join('│') + '│';
  const out = [rule('┌', '┬', '┐')];
  rows.forEach((r, k) => {
    if (k > 0) out.push(rule('├', '┼', '┤'));
    out.push(line(r));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
