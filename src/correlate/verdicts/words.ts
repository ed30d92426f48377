// Phrases the verdicts share.
import type { CullerSummary, Finding, Incident, Seen } from '../../core/model/report.js';
import { formatDuration as duration } from '../../core/duration.js';
import { cullCycleSeconds } from '../sufficiency.js';

import { plural } from '../../core/text.js';

export { plural };

export function names(list: readonly string[], max = 5): string {
  const u = [...new Set(list)];
  return u.slice(0, max).join(', ') + (u.length > max ? `, and ${u.length - max} more` : '');
}

/** What else to do after user deletions, from what the findings say was lost or let in. */
export function afterDeletions(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  if (findings.some((f) => f.kind === 'home-volumes-deleted')) out.push('Check backups of the deleted home volumes (PVCs): on z2jh ≥ 1.0 deleting a user deletes their home PVC.');
  // Names stay in the finding: remediation is rendered as our own Markdown, never log text.
  if (findings.some((f) => f.kind === 'allow-list-emptied')) out.push('Review the accounts admitted while the allow list was empty (listed in the `allow-list-emptied` finding) and delete those that should not have access.');
  return out;
}

/**
 * Deletions nobody has hit yet, by the culler or an admin alike: whoever is still deleted (no
 * restart, no login since) will be refused at the next login.
 */
export function notRefusedYet(who: string, deleted: readonly Incident[]): string {
  const users = [...new Set(deleted.map((i) => i.user))];
  const waiting = [...new Set(deleted.filter((i) => i.restoredAt === null).map((i) => i.user))];
  const head = `${who} deleted ${plural(users.length, 'user')} (${names(users)}); none of them has been refused since.`;
  if (waiting.length === 0) return `${head} A hub restart or their own login gave access back before anyone was refused.`;
  const which = waiting.length === users.length ? 'They' : `${names(waiting)} (not back yet)`;
  return `${head} ${which} will be refused at the next login until the hub restarts.`;
}

/** How much of the log was seen against one cull cycle: `30m00s (… to … UTC), less than one cull cycle (…)`. */
export function shortSpan(seen: Seen, culler: CullerSummary): string {
  const cycle = cullCycleSeconds(culler);
  const covered = seen.from && seen.to ? `${duration(seen.spanSeconds * 1000)} (${seen.from.slice(0, 19).replace('T', ' ')} to ${seen.to.slice(0, 19).replace('T', ' ')} UTC)` : 'no time at all';
  const ofCycle = cycle.known ? `--timeout + --cull-every = ${duration(cycle.seconds * 1000)}` : `${duration(cycle.seconds * 1000)} with the chart's defaults; the culler's settings are not in the log`;
  return `${covered}, less than one cull cycle (${ofCycle})`;
}
