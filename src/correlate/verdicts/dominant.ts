// The verdict when no deletion explains the refusals: the cause most of them have, its words and
// remediation, with the other causes and how often each was seen. One rule per cause, listed in
// ./index.ts; on a tie, the one listed first decides.
import type { Denial, DenialCause } from '../../core/model/report.js';
import type { Cause } from '../causes/types.js';
import { CAUSES } from '../causes/index.js';
import { gaps } from '../sufficiency.js';
import { defineVerdict, type VerdictInput, type VerdictRule } from './types.js';
import { plural, shortSpan } from './words.js';

const MAX_DETAILS = 3;

/** Who was refused and what the log says they lacked, for the first few distinct pairs. */
function details(denials: readonly Denial[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of denials) {
    const s = d.detail ? `${d.user ?? 'unattributed'}: ${d.detail}` : d.user;
    if (s === null || seen.has(s)) continue;
    seen.add(s);
    if (out.push(s) === MAX_DETAILS) break;
  }
  return out.length ? ` (${out.join('; ')}${seen.size < denials.length && out.length === MAX_DETAILS ? '; …' : ''})` : '';
}

function others(v: VerdictInput, id: DenialCause): string {
  const rest = CAUSES.filter((c) => c.id !== id && v.count(c.id) > 0).map((c) => `${c.id} ${v.count(c.id)}`);
  return rest.length ? ` Other causes: ${rest.join(', ')}.` : '';
}

/** The finding's advice first (the culler's role wiring), then the cause's; each step once. */
function remediation(v: VerdictInput, cause: Cause<DenialCause>): string[] {
  return [...new Set([...v.findings.flatMap((f) => f.remediation ?? []), ...cause.remediation])];
}

/**
 * Why no deletion is the story. A refusal its own reason line explains is not a deletion's; one
 * nothing explains could be, when the log is too short to hold the deletion before it.
 */
function noDeletion(v: VerdictInput, id: DenialCause): string {
  if (v.incidents.length > 0) return '';
  if (id !== 'unknown' || !gaps(v.seen, v.culler).includes('short-span')) return ' No user deletion explains them.';
  return ` No user deletion in the log explains them, but it covers ${shortSpan(v.seen, v.culler)}, so a deletion before them cannot be ruled out: \`kubectl logs deploy/hub -n NAMESPACE --since=48h\` would show it.`;
}

export function dominant<const Id extends string>(cause: Cause<DenialCause>, id: Id, sentence?: (ds: readonly Denial[]) => string): VerdictRule<Id> {
  return defineVerdict({
    id,
    title: cause.story.title,
    decide(v) {
      const n = v.count(cause.id);
      if (n === 0 || CAUSES.some((c) => v.count(c.id) > n)) return null;
      const mine = [...v.denials].filter((d) => d.cause === cause.id);
      const total = v.denials.length;
      return {
        confidence: cause.id === 'unknown' ? 'low' : n === total ? 'high' : 'medium',
        summary: `${n === total ? plural(n, 'refused request') : `${n} of ${total} refused requests`}: ${cause.title}${details(mine)}. `
          + (sentence ? sentence(mine) : cause.explanation)
          + noDeletion(v, cause.id)
          + others(v, cause.id),
        remediation: remediation(v, cause),
      };
    },
  });
}

