// A log line pasted right after the reporter's sentence, with no line break between them
// (`…下面是 hub 容器的日志。[E 2021-04-09 06:08:01.147 JupyterHub gen:599] Exception in …`). The
// record starts at a whole hub prefix inside the line, up to its `module:line]`; the sentence
// stays in the record's raw text as the line showed it. A line that starts with an RFC 3339 time
// is an envelope's line whose time the envelope could not take (30 February): no sentence, so its
// record is not read from what follows.
import type { Prefixed } from '../shapes/types.js';
import { parseShape } from '../shapes/index.js';
import type { Zone } from '../../src/core/time.js';
import { looksLikeRfc3339At } from '../envelopes/rfc3339.js';

const PREFIX = /\[[DIWEC] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \S+ [\w.]+:\d+\] /;

/** The record that starts inside `text` after some other text, or null. */
export function fusedRecord(text: string, zone: Zone): Prefixed | null {
  const at = text.indexOf('[', 1);
  if (at < 0 || looksLikeRfc3339At(text, 0)) return null;
  const m = PREFIX.exec(text.slice(at));
  return m ? parseShape(text.slice(at + m.index), zone) : null;
}
