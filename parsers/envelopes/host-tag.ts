// What syslog and journald put between their time and the message: ` host tag[pid]: `.

// The tag is a program name (no spaces, colons or brackets).
const HOST_TAG = /^ ([^\s:]+) ([\w.@/-]{1,64})(?:\[\d{1,10}\])?: /;

/** The text after ` host tag[pid]: ` at i, or null. */
export function afterHostTag(line: string, i: number): string | null {
  const m = HOST_TAG.exec(line.slice(i, i + 200));
  return m ? padless(line.slice(i + m[0].length)) : null;
}

/** Terminal copies right-pad lines with spaces; a hub/culler line (`[`…) never ends in meaningful ones. */
export function padless(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return text.charCodeAt(0) === 91 && (last === 32 || last === 9) ? text.trimEnd() : text;
}
