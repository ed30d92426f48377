// Envelope detection per line: one stream may mix envelopes (e.g. a paste of two exports).
import type { Unwrapped } from './types.js';
import { unwrapKubectl } from './kubectl.js';
import { unwrapCri } from './cri.js';
import { unwrapJsonLine } from './json.js';

export type { Unwrapped } from './types.js';
export { unwrapJsonObject } from './json.js';

export function unwrap(line: string): Unwrapped {
  const c = line.charCodeAt(0);
  if (c === 123 /* { */) {
    const u = unwrapJsonLine(line);
    if (u) return u;
  } else if (c >= 48 && c <= 57) {
    const u = unwrapCri(line) ?? unwrapKubectl(line);
    if (u) return u;
  } else if (c === 91 /* [ */ && line.startsWith('[pod/')) {
    const u = unwrapKubectl(line);
    if (u) return u;
  }
  return { envelope: 'plain', text: line, t: NaN };
}
