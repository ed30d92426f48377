// Block indentation: a log pasted as a Markdown indented code block, inside a list item (2 or 3
// spaces, the list marker's width), or indented by a tab. The whitespace before the first line of
// the block that is itself a log record is the block's; exactly that is taken off every line that
// follows, so indentation beyond it (a 4-space continuation line) is kept. The proof that it is a
// block is that its first line, without the whitespace, is a record; a non-blank line without that
// whitespace ends the block.

export class BlockIndent {
  private indent: string | null = null;
  private ended: string | null = null;

  /** The line without the block's indentation (or unchanged when no block is open or it ends here). */
  strip(raw: string): string {
    const ind = this.indent;
    if (ind === null) return raw;
    if (raw.startsWith(ind)) return raw.slice(ind.length);
    if (raw.trim() !== '') {
      this.ended = ind;
      this.indent = null;
    }
    return raw;
  }

  /** The line that ended the block turned out to be a piece of its last record (lost-indent.ts): the block goes on. */
  resume(): void {
    if (this.indent === null) this.indent = this.ended;
  }

  /** A block starts at a line whose record begins after `ws`. */
  open(ws: string): void {
    this.indent = ws;
  }

  get active(): boolean {
    return this.indent !== null;
  }
}

/** The whitespace a line starts with ('' when none). */
export function leadingSpace(text: string): string {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.slice(0, i);
}
