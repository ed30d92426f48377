// Continuation lines that lost tornado's 4-space indentation in a paste (whitespace collapsed by a
// renderer, or trimmed by the reporter). Three cases prove the line is the record's all the same:
//   - the record's first line is the prefix alone (`[W … app:304]`: a message that begins with a
//     newline), so its message can only be on the lines after it: each line up to a blank line or
//     a record is one of them;
//   - the line is, word for word, the second line of the record's message template (JupyterHub
//     0.6 – 0.7's `Proxy appears to be running at …` is always followed by `Did
//     CONFIGPROXY_AUTH_TOKEN change?`);
//   - the record's one line and this one, joined by the space a word wrap took, are word for word
//     a message of a known template (a Markdown code block word-wrapped by the reporter's editor,
//     the second piece not indented: JupyterHub 0.7's single-user `All authentication is disabled.
//     …`).

const SECOND_LINES: ReadonlyArray<{ first: string; second: string }> = [
  { first: 'Proxy appears to be running at ', second: 'Did CONFIGPROXY_AUTH_TOKEN change?' },
];

/** Whether a record whose message so far is `msg` (first line) takes an unindented line that starts no record. */
export function emptyFirstLine(msg: string): boolean {
  return msg.trim() === '';
}

/** Whether `text` is the second line of the template whose first line `msg` is (only while the record has no other line). */
export function templateSecondLine(msg: string, text: string): boolean {
  for (const t of SECOND_LINES) if (text.trim() === t.second && msg.startsWith(t.first)) return true;
  return false;
}

const WRAPPED_MESSAGES = new Set(['All authentication is disabled.  Anyone who can connect to this server will be able to run code.']);

/** Whether a one-line record with message `msg` and the line `text` are one message word-wrapped at a space. */
export function wrappedAtSpace(msg: string, text: string): boolean {
  return WRAPPED_MESSAGES.has(`${msg.trimEnd()} ${text.trim()}`);
}
