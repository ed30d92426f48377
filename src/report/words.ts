// Words shared by the human-readable reporters (text, markdown). The words of verdicts and refusal
// causes are not here: they come with the report (`verdict.title`, `causes`), from src/correlate.
import type { CauseDescription, Denial, Report } from '../core/model/report.js';
import { formatDuration as duration, formatSeconds as seconds } from './time.js';
import { plural } from '../core/text.js';

export function cullerSettings(r: Report): Array<[string, string]> {
  const c = r.culler;
  const inf = (k: string) => ((c.inferred ?? []).includes(k) ? ' (inferred)' : '');
  return [
    ['culler seen', c.seen ? 'yes' : 'no'],
    ['culls users (--cull-users)', (c.cullsUsers === null ? 'unknown' : c.cullsUsers ? 'YES' : 'no') + inf('cullsUsers')],
    ['timeout', seconds(c.timeoutSeconds) + inf('timeoutSeconds')],
    ['every', seconds(c.everySeconds) + inf('everySeconds')],
    ...(c.maxAgeSeconds ? [['max age', seconds(c.maxAgeSeconds)] as [string, string]] : []),
  ];
}

/** A refused request as its lines tell it (`403 GET /hub/api/users`), a dash where they do not. */
export function requestOf(d: Denial): string {
  return [d.status ?? '—', d.method ?? '', d.path ?? ''].filter((x) => x !== '').join(' ');
}

/** The report's causes, most seen first: their words come with the report, from src/correlate. */
export function causesSeen(r: Report): Array<[string, CauseDescription]> {
  return Object.entries<CauseDescription>(r.causes).sort((a, b) => b[1].count - a[1].count);
}

// Where each refusal no line explains is: the first few, then how many more.
const MAX_REFS = 5;

/**
 * The refusals no line of the input explains, by the line that would have (`missing`, our own
 * words), each with where they are (`hub.log:12, hub.log:40`, the first few and a count).
 */
export function unexplained(r: Report): Array<[missing: string, where: string]> {
  const m = new Map<string, string[]>();
  for (const d of r.denials) {
    if (d.missing === null) continue;
    const refs = m.get(d.missing) ?? [];
    refs.push(`${d.source}:${d.line}`);
    m.set(d.missing, refs);
  }
  return [...m].map(([missing, refs]) => [missing, refs.slice(0, MAX_REFS).join(', ') + (refs.length > MAX_REFS ? ` and ${refs.length - MAX_REFS} more` : '')]);
}

export function causeCounts(r: Report): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const d of r.denials) m.set(d.cause, (m.get(d.cause) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** What the report saw, in one line (`t` writes a time in the report's zone). */
export function seenLine(r: Report, t: (iso: string) => string): string {
  const s = r.seen;
  const span = s.from && s.to ? `${duration(s.spanSeconds * 1000)} covered (${t(s.from)} to ${t(s.to)})` : 'no record with a time';
  const because = s.oneHubBecause?.length ? ` (${s.oneHubBecause.join('; ')})` : '';
  const oneHub = s.oneHubAssumed ? `; ${s.oneHubAssumed.length} inputs read as one hub's log${because}, merged by time: if they come from different hubs, analyse each on its own` : '';
  return `${plural(s.hubRecords, 'hub record')}, ${plural(s.hubStarts, 'hub start')}, culler ${s.cullerSeen ? 'seen' : 'not seen'}, ${span}, ${Math.round(s.understood * 100)}% of records understood${oneHub}`;
}
