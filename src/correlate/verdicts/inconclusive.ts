// Last in the registry: it decides whatever reaches it. Refusals no story explains, or too little of
// the hub's log to rule the culler out; either way the summary says what to collect instead.
import { gaps, type Gap } from '../sufficiency.js';
import { defineVerdict, type VerdictInput } from './types.js';
import { plural, shortSpan } from './words.js';

const HUB_LOG = 'kubectl logs deploy/hub -n NAMESPACE --since=48h';
const PREVIOUS = 'kubectl logs deploy/hub -n NAMESPACE --previous';

function gapText(g: Gap, v: VerdictInput): string {
  const s = v.seen;
  switch (g) {
    case 'no-hub-records':
      return 'No JupyterHub record was read, so nothing can be ruled out.';
    case 'not-understood':
      return `Only ${Math.round(s.understood * 100)}% of the records were understood: the rest may hold the deletions or the refusals.`;
    case 'short-span':
      return `The log covers ${shortSpan(s, v.culler)}, so a cull and the refusals after it may lie outside it.`;
  }
}

function collect(found: readonly Gap[]): string {
  if (found.includes('not-understood') && !found.includes('short-span')) {
    return `Check how each line was read with \`hubsleuth events FILE\`, and collect the log straight from \`${HUB_LOG}\` rather than a copy.`;
  }
  return `Collect the hub's log over two days: \`${HUB_LOG}\`, and \`${PREVIOUS}\` for the container before the hub's last restart.`;
}

export const inconclusive = defineVerdict({
  id: 'inconclusive',
  title: 'The logs do not support a conclusion',
  decide(v) {
    const found = gaps(v.seen, v.culler);
    const parts = found.map((g) => gapText(g, v));
    const unexplained = v.count('unknown');
    if (unexplained > 0) {
      parts.unshift(`${plural(unexplained, 'refused request')} could not be tied to a cause (no deletion, allow-list or XSRF line explains ${unexplained === 1 ? 'it' : 'them'}).`);
      if (found.length === 0) parts.push('Collect the hub log with DEBUG (`hub.extraConfig`: `c.JupyterHub.log_level = "DEBUG"`) over the next refusals.');
    } else if (v.denials.length > 0) {
      const n = plural(v.denials.length, 'refused request');
      parts.unshift(found.length > 0
        ? `${n} ${v.denials.length === 1 ? 'has' : 'have'} a cause other than a user deletion, but the log cannot rule a deletion out.`
        : `${n} ${v.denials.length === 1 ? 'has a cause' : 'have causes'} that no verdict sums up: see the refused requests by cause.`);
    }
    if (found.length > 0) parts.push(collect(found));
    return { confidence: 'low', summary: parts.length > 0 ? parts.join(' ') : 'Nothing in the logs supports a conclusion.', remediation: [] };
  },
});
