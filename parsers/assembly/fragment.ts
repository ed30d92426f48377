// A paste that starts inside a multi-line record (a traceback, a header dump): its first lines are
// continuation lines whose record is not in the input. They become one `fragment`: nothing is made
// up for the missing head, and none of them is counted as a record not understood. A line is
// continuation-like when it is indented the way tornado indents a record's further lines, or is a
// traceback frame indented as Python prints it.

const FRAME = /^ {2}File "/;

export function continuationLike(text: string): boolean {
  return text.startsWith('    ') || text.startsWith('\t') || FRAME.test(text);
}
