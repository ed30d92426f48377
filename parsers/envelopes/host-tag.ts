// What syslog and journald put between their time and the message: ` host tag[pid]: `, or only
// ` tag[pid]: ` when the host is left out (`journalctl --no-hostname`). An empty message leaves the
// line ending at the colon once a terminal or k9s has trimmed the space after it.

// The tag is a program name (no spaces, colons or brackets).
const HOST_TAG = /^ ([^\s:]+) ([\w.@/-]{1,64})(?:\[\d{1,10}\])?:(?: |$)/;
// Without a host the pid is what tells the tag from a host name.
const TAG_PID = /^ ([\w.@/-]{1,64})\[\d{1,10}\]:(?: |$)/;

/** A match that ends at the colon ends the line too, not only the slice it was looked for in. */
const ended = (line: string, i: number, m: string) => m.charCodeAt(m.length - 1) === 32 || i + m.length === line.length;

/** The text after ` host tag[pid]: ` at i, the tag and the host; null when there is none. */
export function afterHostTag(line: string, i: number): { text: string; tag: string; host?: string } | null {
  const m = HOST_TAG.exec(line.slice(i, i + 200));
  return m && ended(line, i, m[0]) ? { text: padless(line.slice(i + m[0].length)), tag: m[2], host: m[1] } : null;
}

/** The text after ` tag[pid]: ` at i (no host), and the tag; null when there is none. */
export function afterTag(line: string, i: number): { text: string; tag: string; host?: string } | null {
  const m = TAG_PID.exec(line.slice(i, i + 100));
  return m && ended(line, i, m[0]) ? { text: padless(line.slice(i + m[0].length)), tag: m[1] } : null;
}

/** Terminal copies right-pad lines with spaces; a hub/culler line (`[`…) never ends in meaningful ones. */
export function padless(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return text.charCodeAt(0) === 91 && (last === 32 || last === 9) ? text.trimEnd() : text;
}
