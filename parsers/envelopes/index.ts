// Envelope detection per line (one stream may mix envelopes, e.g. a paste of two exports). The
// entries are tried in this order among those whose `starts` admits the line's first character;
// a line none of them claims is `plain`. A new envelope is one file and one line here.
import type { Envelope, Unwrapped } from './types.js';
import { jsonLine } from './json-line.js';
import { cri } from './cri.js';
import { kubectlTimestamps } from './kubectl-timestamps.js';
import { journaldIso } from './journald-iso.js';
import { kubectlPrefix } from './kubectl-prefix.js';
import { syslog } from './syslog.js';
import { compose } from './compose.js';

export const ENVELOPES: readonly Envelope[] = [jsonLine, cri, kubectlTimestamps, journaldIso, kubectlPrefix, syslog, compose];

// By first character code (0–127; 128 stands for every other character).
const BY_FIRST: Envelope[][] = Array.from({ length: 129 }, (_, c) =>
  ENVELOPES.filter((e) => e.starts === '' || (c < 128 && e.starts.includes(String.fromCharCode(c)))));

export function unwrap(line: string): Unwrapped {
  const c = line.charCodeAt(0);
  const candidates = BY_FIRST[c < 128 ? c : 128];
  for (let i = 0; i < candidates.length; i++) {
    const u = candidates[i].unwrap(line);
    if (u) return u;
  }
  // Copied from a terminal, a line can be right-padded with spaces; hub messages never end in
  // meaningful spaces (CHP's do, but CHP lines do not start with `[`).
  if (c === 91) {
    const last = line.charCodeAt(line.length - 1);
    if (last === 32 || last === 9) return { envelope: 'plain', text: line.trimEnd(), t: NaN };
  }
  return { envelope: 'plain', text: line, t: NaN };
}
