// Envelope detection per line: one stream may mix envelopes (e.g. a paste of two exports).
import type { Unwrapped } from './types.js';
import { unwrapKubectl } from './kubectl.js';
import { unwrapCri } from './cri.js';
import { unwrapJsonLine } from './json.js';
import { unwrapPaste } from './paste.js';

export type { Unwrapped } from './types.js';
export { unwrapJsonObject } from './json.js';

export function unwrap(line: string): Unwrapped {
  const c = line.charCodeAt(0);
  if (c === 123 /* { */) {
    const u = unwrapJsonLine(line);
    if (u) return u;
  } else if (c >= 48 && c <= 57) {
    const u = unwrapCri(line) ?? unwrapKubectl(line);
    // journalctl -o short-iso looks like kubectl's time + space; its inner text is `host tag[pid]: `,
    // never a hub prefix, so only such rare lines pay for the extra check.
    if (u && !(u.envelope === 'kubectl-timestamps' && u.text.charCodeAt(0) !== 91 && u.text.charCodeAt(0) !== 32)) return u;
    return unwrapPaste(line) ?? u ?? plain(line);
  } else if (c === 91 /* [ */) {
    if (line.startsWith('[pod/')) {
      const u = unwrapKubectl(line);
      if (u) return u;
    }
    // Copied from a terminal, a line can be right-padded with spaces; hub messages never end in
    // meaningful spaces (CHP's do, but CHP lines do not start with `[`).
    const last = line.charCodeAt(line.length - 1);
    if (last === 32 || last === 9) return plain(line.trimEnd());
    return plain(line);
  } else {
    // Not a machine envelope: maybe a pasted wrapper (syslog/journald, docker compose).
    const u = unwrapPaste(line);
    if (u) return u;
  }
  return plain(line);
}

function plain(text: string): Unwrapped {
  return { envelope: 'plain', text, t: NaN };
}
