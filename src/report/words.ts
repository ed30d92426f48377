// Words shared by the human-readable reporters (text, markdown). The words of verdicts and refusal
// causes are not here: they come with the report (`verdict.title`, `causes`), from src/correlate.
import type { Report } from '../core/model/report.js';

function seconds(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'unknown';
  if (v % 3600 === 0 && v >= 3600) return `${v}s (${v / 3600}h)`;
  if (v % 60 === 0 && v >= 60) return `${v}s (${v / 60}m)`;
  return `${v}s`;
}

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

export function causeCounts(r: Report): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const d of r.denials) m.set(d.cause, (m.get(d.cause) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}
