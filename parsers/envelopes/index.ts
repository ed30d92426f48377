// Envelope detection per line (one stream may mix envelopes, e.g. a paste of two exports). The
// entries are tried in this order among those whose `starts` admits the line's first character;
// a line none of them claims is `plain`. A new envelope is one file and one line here. The exports
// come first and the paste wrappers after them, so a clean line never pays for a wrapper.
import type { Envelope, Unwrapped } from './types.js';
import { jsonLine } from './json-line.js';
import { cri } from './cri.js';
import { kubectlTimestamps } from './kubectl-timestamps.js';
import { journaldIso } from './journald-iso.js';
import { kubectlPrefix } from './kubectl-prefix.js';
import { syslog } from './syslog.js';
import { compose } from './compose.js';
import { rfc5424 } from './rfc5424.js';
import { syslogTag } from './syslog-tag.js';
import { k8sEventsTable } from './k8s-events-table.js';
import { stern } from './stern.js';
import { k9sBox } from './k9s-box.js';
import { tableExport } from './table-export.js';
import { catN } from './cat-n.js';
import { editorLineNumbers } from './editor-line-numbers.js';
import { viewerTime } from './viewer-time.js';
import { mdQuote } from './md-quote.js';
import { mdEmphasis } from './md-emphasis.js';
import { mdFence } from './md-fence.js';
import { caretEscape } from './caret-escape.js';
import { missingBracket } from './missing-bracket.js';

export const ENVELOPES: readonly Envelope[] = [
  jsonLine, cri, kubectlTimestamps, journaldIso, kubectlPrefix, syslog, compose, rfc5424, k8sEventsTable, syslogTag, stern,
  k9sBox, tableExport, catN, editorLineNumbers, viewerTime, mdQuote, mdEmphasis, mdFence, caretEscape, missingBracket,
];

// By first character code (0–127; 128 stands for every other character).
const BY_FIRST: Envelope[][] = Array.from({ length: 129 }, (_, c) =>
  ENVELOPES.filter((e) => e.starts === '' || (c < 128 ? e.starts.includes(String.fromCharCode(c)) : [...e.starts].some((ch) => ch.charCodeAt(0) >= 128))));

// A quote around a numbered line around a syslog line is three layers; more is not a paste.
const MAX_DEPTH = 4;

export function unwrap(line: string): Unwrapped {
  return unwrapAt(line, 0);
}

function unwrapAt(line: string, depth: number): Unwrapped {
  const c = line.charCodeAt(0);
  const candidates = BY_FIRST[c < 128 ? c : 128];
  for (let i = 0; i < candidates.length; i++) {
    const u = candidates[i].unwrap(line);
    if (u) return candidates[i].nests && depth < MAX_DEPTH ? within(u, unwrapAt(u.text, depth + 1)) : u;
  }
  // Copied from a terminal, a line can be right-padded with spaces; hub messages never end in
  // meaningful spaces (CHP's do, but CHP lines do not start with `[`).
  if (c === 91) {
    const last = line.charCodeAt(line.length - 1);
    if (last === 32 || last === 9) return { envelope: 'plain', text: line.trimEnd(), t: NaN };
    if (last === 93) return { envelope: 'plain', text: withoutTmuxMarker(line), t: NaN };
  }
  return { envelope: 'plain', text: line, t: NaN };
}

/** An envelope inside another: the inner one names the line, the outer one's time and place win. */
function within(outer: Unwrapped, inner: Unwrapped): Unwrapped {
  if (inner.envelope === 'plain') return { ...outer, text: inner.text };
  return {
    ...inner,
    t: Number.isFinite(outer.t) ? outer.t : inner.t,
    pod: outer.pod ?? inner.pod,
    container: outer.container ?? inner.container,
    namespace: outer.namespace ?? inner.namespace,
    host: outer.host ?? inner.host,
    writer: inner.writer ?? outer.writer,
    full: outer.full,
  };
}

// tmux copy mode leaves its position (`[12/1843]`) at the right end of the first copied row.
const TMUX_MARKER = /\s{2,}\[\d+\/\d+\]$/;

function withoutTmuxMarker(line: string): string {
  const m = TMUX_MARKER.exec(line);
  return m ? line.slice(0, m.index) : line;
}
