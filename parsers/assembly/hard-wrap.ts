// Hard wraps marked with a backslash: a tool (or the reporter) broke a long line and ended each
// piece but the last with ` \`. The mark is the proof: the piece goes on in the next line, which is
// appended with the mark taken off and no separator (the break may fall inside a word).

/** Whether `piece` ends with the wrap mark. */
export function endsWithWrapMark(piece: string): boolean {
  return piece.length > 2 && piece.charCodeAt(piece.length - 1) === 92 && piece.charCodeAt(piece.length - 2) === 32;
}

/** `piece` and the next line as one. */
export function joinHardWrap(piece: string, next: string): string {
  return piece.slice(0, -2) + next;
}
