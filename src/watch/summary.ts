// The one paragraph `watch` leaves on stderr when it ends: what was read, what was said, and who is
// still locked out (the thing an operator acts on after stopping the watch).
import { formatDuration, formatTimeWithZone as formatTime } from '../report/time.js';
import { termText } from '../report/terminal.js';
import type { SourceStats } from '../core/model/inputs.js';
import type { Alert } from '../core/model/alerts.js';
import { plural } from '../core/text.js';

export type EndReason = 'eof' | 'SIGINT' | 'SIGTERM';

export interface SummaryInput {
  reason: EndReason;
  elapsedMs: number;
  sources: SourceStats[];
  counts: Map<Alert['kind'], number>;
  dropped: number;
  /** Refusals folded into other alerts (--every). */
  folded: number;
  lastStartAt: string | null;
  openUsers: string[];
  rotations: number;
  truncations: number;
  /** Whether a refusal showed that the hub checks an allow list. */
  allowListSeen: boolean;
  tz?: string;
}

const KINDS: Alert['kind'][] = ['user-deleted', 'denied-after-deletion', 'hub-restarted', 'recurrence', 'spawn-failed', 'crash-loop'];

export function summaryParagraph(s: SummaryInput): string {
  const parts: string[] = [];
  const why = s.reason === 'eof' ? 'end of input' : s.reason;
  parts.push(`hubsleuth watch: stopped by ${why} after ${formatDuration(s.elapsedMs)}.`);
  const lines = s.sources.reduce((n, x) => n + x.lines, 0);
  const unparsed = s.sources.reduce((n, x) => n + x.unparsed, 0);
  const first = Math.min(...s.sources.map((x) => (Number.isFinite(x.first) ? x.first : Infinity)));
  const last = Math.max(...s.sources.map((x) => (Number.isFinite(x.last) ? x.last : -Infinity)));
  const names = s.sources.map((x) => x.source);
  let read = `Read ${plural(lines, 'line')} (${unparsed} not recognised) from ${plural(names.length, 'input')} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
  if (Number.isFinite(first) && Number.isFinite(last)) read += `, log time ${formatTime(new Date(first).toISOString(), s.tz)} to ${formatTime(new Date(last).toISOString(), s.tz)}`;
  parts.push(read + '.');
  if (s.rotations + s.truncations > 0) parts.push(`Followed files were rotated ${plural(s.rotations, 'time')} and truncated ${plural(s.truncations, 'time')}.`);
  const total = KINDS.reduce((n, k) => n + (s.counts.get(k) ?? 0), 0);
  let alerts = plural(total, 'alert');
  if (total > 0) alerts += `: ${KINDS.filter((k) => s.counts.get(k)).map((k) => `${s.counts.get(k)} ${k}`).join(', ')}`;
  if (s.folded > 0) alerts += `; ${plural(s.folded, 'more refusal')} of the same users folded into them (--every)`;
  if (s.dropped > 0) alerts += `; ${s.dropped} more held back as history before the hub start at ${formatTime(s.lastStartAt ?? '', s.tz)} (--since-start)`;
  parts.push(alerts + '.');
  const u = s.openUsers;
  parts.push(u.length === 0
    ? 'No deleted user is waiting to get back in.'
    : `Deleted and not back since (no login, no hub restart): ${u.slice(0, 10).join(', ')}${u.length > 10 ? `, … (${u.length} in all)` : ''}; ${s.allowListSeen ? 'they' : 'if the hub checks an allow list, they'} will be refused at their next login until the hub restarts or an admin adds them again.`);
  // One paragraph on one line: names of inputs and users in it cannot break it or act on the terminal.
  return termText(parts.join(' ')) + '\n';
}
