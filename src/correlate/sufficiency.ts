// What a report saw, and what of it an all-clear needs. "No incident" read off a log that holds no
// hub record, covers less than one cull cycle, or was mostly not understood would tell an engineer
// the culler is not the cause when the part of the log that could show it was never looked at.
import { iso } from '../core/time.js';
import type { CullerSummary, HubStart, InputSummary, Seen, Totals } from '../core/model/report.js';

/** The chart's cull.timeout + cull.every (3600 s + 600 s): one cycle when the culler's argv is not in the log. */
const CHART_CYCLE_SECONDS = 3600 + 600;
/** Below this share of records understood, the unread rest may hold the deletion or the refusals. */
const MIN_UNDERSTOOD = 0.5;

/** What stops the report from ruling the culler out. */
export type Gap = 'no-hub-records' | 'short-span' | 'not-understood';

export function seenOf(inputs: readonly InputSummary[], totals: Totals, hubStarts: readonly HubStart[], culler: CullerSummary, window: { since?: number; until?: number }): Seen {
  let first = Infinity;
  let last = -Infinity;
  for (const i of inputs) {
    if (i.first) first = Math.min(first, Date.parse(i.first));
    if (i.last) last = Math.max(last, Date.parse(i.last));
  }
  first = Math.max(first, window.since ?? -Infinity);
  last = Math.min(last, window.until ?? Infinity);
  const timed = Number.isFinite(first) && Number.isFinite(last) && first <= last;
  const records = totals.parsed + totals.unparsed;
  return {
    hubRecords: totals.parsed,
    hubStarts: hubStarts.length,
    cullerSeen: culler.seen,
    from: timed ? iso(first) : null,
    to: timed ? iso(last) : null,
    spanSeconds: timed ? Math.round((last - first) / 1000) : 0,
    // Rounded down: 0.499 must not read as the 0.5 an all-clear needs.
    understood: records === 0 ? 0 : Math.floor((100 * totals.parsed) / records) / 100,
  };
}

/** One cull cycle in seconds: the logged --timeout + --cull-every, else the chart's defaults. */
export function cullCycleSeconds(c: CullerSummary): { seconds: number; known: boolean } {
  const inferred = c.inferred ?? [];
  const known = c.timeoutSeconds !== null && c.everySeconds !== null && !inferred.includes('timeoutSeconds') && !inferred.includes('everySeconds');
  return known ? { seconds: c.timeoutSeconds! + c.everySeconds!, known } : { seconds: CHART_CYCLE_SECONDS, known };
}

/** The culler's argv was logged without --cull-users: it never deletes users, whatever the span. */
export function cullerSparesUsers(c: CullerSummary): boolean {
  return c.seen && c.cullsUsers === false && !(c.inferred ?? []).includes('cullsUsers');
}

/** What is missing for an all-clear (none: the report holds the evidence `none` needs). */
export function gaps(seen: Seen, culler: CullerSummary): Gap[] {
  const out: Gap[] = [];
  if (seen.hubRecords === 0) out.push('no-hub-records');
  else if (seen.understood < MIN_UNDERSTOOD) out.push('not-understood');
  if (seen.hubRecords > 0 && !cullerSparesUsers(culler) && seen.spanSeconds < cullCycleSeconds(culler).seconds) out.push('short-span');
  return out;
}
