// Terminal soft wraps copied as hard line breaks: a terminal breaks a line that is longer than its
// width exactly at the width, so every piece but the last is exactly as wide as the terminal. A
// piece is rejoined with the next line (no separator: the break falls anywhere, even inside a word)
// when all of these hold:
//   - its length is a terminal width people use, and no line before it in the input was longer
//     (the whole copy came from that terminal);
//   - the next line starts no record, no continuation and no artefact, and does not start with a
//     blank (a wrap at a space leaves the space on the piece before);
//   - the record so far reads as no known event (a complete line of that width reads as what it
//     is, and then nothing is joined to it).
// k9s draws its log view in a box: a row whose text runs up to the border was cut there, and the
// next row of the box, when it starts no record, is the rest of that row.

const WIDTHS = new Set([80, 100, 120, 132, 140, 150, 160, 180, 200, 220, 240, 250, 256, 280, 300]);

/** Whether a line this wide, after lines no wider than `widest`, can be a terminal-wrapped piece. */
export function atTerminalWidth(width: number, widest: number): boolean {
  return WIDTHS.has(width) && widest <= width;
}

/** Whether `next` can be the rest of a wrapped row: it starts with something other than a blank. */
export function canContinueRow(next: string): boolean {
  const c = next.charCodeAt(0);
  return next.length > 0 && c !== 32 && c !== 9;
}
