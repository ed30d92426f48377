// Text for a terminal. Every string that came from a log, a database, a hub or a file name passes
// through here before it reaches one: a user name can carry ESC sequences (OSC 8 links, a clear
// screen), BEL, CR, backspace, NUL, or a line feed that forges a line of its own (an extra alert,
// a `Verdict:` line), and bidi overrides or zero-width characters that make it read as something
// else. Each is shown as what it is: `\x1b`, `\n`, `<U+202E>`.
import { visibleText } from '../core/text.js';

/** One field of terminal output: printable, on one line, reading as it is. */
export function termText(value: string | null | undefined): string {
  return visibleText(value ?? '');
}
