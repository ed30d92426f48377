// Terminal report: it fits the terminal's width (options.width), the verdict, its summary and what
// to do first, so the first screen answers the on-call engineer; the details follow. Tables via
// cli-table3, colour only when asked (TTY and no NO_COLOR), and every string from the logs through
// termText, so it can neither drive the terminal nor forge a line.
import type { Reporter } from '../core/model/report.js';
import { formatTime, formatTimedelta, withDisplayTimes, zoneLabel } from './time.js';
import { causeCounts, causesSeen, cullerSettings, requestOf, seenLine, unexplained } from './words.js';
import { termText } from './terminal.js';
import { plural } from '../core/text.js';
import { coverageSentence } from '../core/coverage.js';
import { fitTable, UNLIMITED, wrap, type Column } from './fit.js';
import { stepDetail, stepTitle } from './story-words.js';

const MAX_ROWS = 50;

// Priority 1 is kept longest when the width runs short: who, when, how many, and whether it is over.
const INCIDENT_COLUMNS: Column[] = [
  { head: '#', priority: 1 },
  { head: 'user', priority: 1, min: 8 },
  { head: 'deleted at', priority: 2 },
  { head: 'by', priority: 5 },
  { head: 'actor', priority: 9, min: 8 },
  { head: 'inactive for', priority: 8 },
  { head: 'denials', priority: 3 },
  { head: 'first denied', priority: 6 },
  { head: 'last denied', priority: 7 },
  { head: 'restored', priority: 4 },
  { head: 'restored by', priority: 8 },
];
const DENIAL_COLUMNS: Column[] = [
  { head: 'at', priority: 1 },
  { head: 'user', priority: 1, min: 8 },
  { head: 'request', priority: 3, min: 20, cut: 'middle' },
  { head: 'cause', priority: 2 },
  { head: 'incident', priority: 4 },
  { head: 'seen by', priority: 5 },
  { head: 'user from', priority: 6 },
];

export const renderText: Reporter = (logged, opts) => {
  const r = withDisplayTimes(logged, opts.tz);
  const width = opts.width ?? UNLIMITED;
  const c = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const t = (iso: string | null) => (iso ? formatTime(iso, opts.tz) : '-');
  const safe = termText;
  // Continuation lines are indented: a break inside log text (a user name with spaces) can then
  // never start a line of its own that reads as the report's (`Verdict: none`).
  const para = (s: string, first = '', rest = first + '  ') => wrap(s, width, first, rest);
  const out: string[] = [];
  const table = (columns: Column[], rows: string[][]) => {
    const fitted = fitTable(columns, rows, width, opts.color ? ['cyan'] : []);
    out.push(...fitted.lines);
    if (fitted.dropped.length > 0) out.push(...para(`(${fitted.dropped.join(', ')}: not shown at ${width} columns; --wide shows them)`));
  };
  const v = r.verdict;
  const sev = v.rootCause === 'none' ? 32 : v.rootCause === 'inconclusive' ? 33 : 31;
  out.push(...para(`hubsleuth ${r.tool.version} — ${plural(r.totals.lines, 'line')} from ${plural(r.inputs.length, 'input')}`));
  out.push('');
  // Colour goes on after wrapping, so the codes take no room in the measure.
  const verdict = para(`Verdict: ${v.rootCause} (confidence ${v.confidence}) — ${safe(v.title)}`);
  out.push(c(sev, c(1, verdict[0])), ...verdict.slice(1));
  out.push(...para(safe(v.summary)));
  out.push(...para(c(1, 'Evidence') + ': ' + seenLine(r, t)));
  if (v.remediation.length > 0) {
    out.push('', c(1, 'What to do'));
    v.remediation.forEach((s, k) => out.push(...para(safe(s), `  ${k + 1}. `, '     ')));
  }
  for (const f of r.findings) {
    const lines = para(`[${f.severity}] ${f.title} (${f.kind}): ${safe(f.summary)}`);
    out.push('', c(f.severity === 'critical' || f.severity === 'error' ? 31 : 33, lines[0]), ...lines.slice(1));
  }
  if (r.incidents.length > 0) {
    out.push('', c(1, `Incidents (${r.incidents.length})`));
    table(INCIDENT_COLUMNS, r.incidents.slice(0, MAX_ROWS).map((i, k) => [
      String(k + 1), safe(i.user), t(i.deletedAt), i.deletedBy, safe(i.actor ?? '-'), safe(i.inactiveFor ? formatTimedelta(i.inactiveFor) : '-'),
      String(i.denials), t(i.firstDeniedAt), t(i.lastDeniedAt), i.restoredAt ? t(i.restoredAt) : c(33, 'not yet'), i.restoredBy ?? '-',
    ]));
    if (r.incidents.length > MAX_ROWS) out.push(...para(`… and ${r.incidents.length - MAX_ROWS} more (use --format json or markdown for all)`));
  }
  if (r.denials.length > 0) {
    out.push('', ...para(c(1, `Refused requests (${r.denials.length})`) + ': ' + causeCounts(r).map(([k, n]) => `${k} ${n}`).join(', ')));
    table(DENIAL_COLUMNS, r.denials.slice(0, MAX_ROWS).map((d) => [
      t(d.at), safe(d.user ?? '-'), safe(requestOf(d)), d.cause, d.incident === null ? '-' : String(d.incident + 1), d.component, d.attributedBy ?? '-',
    ]));
    if (r.denials.length > MAX_ROWS) out.push(...para(`… and ${r.denials.length - MAX_ROWS} more (use --format json or markdown for all)`));
    for (const [id, cause] of causesSeen(r)) {
      out.push('', ...para(`${id} (${cause.count}): ${cause.title}. ${cause.explanation}`));
      for (const step of cause.remediation) out.push(...para(step, '  - ', '    '));
    }
    for (const [missing, where] of unexplained(r)) out.push(...para(`not explained by the log: ${safe(where)}; the line that would have: ${missing}`, '  ', '    '));
  }
  const users = r.users ?? [];
  // One user's story is told in full; of many, who has one (--user tells it).
  if (users.length === 1) {
    const [u] = users;
    out.push('', c(1, `Story of ${safe(u.user)} (${plural(u.story.length, 'step')})`));
    // A list, not a table: the details are sentences, which a table would cut at the screen's edge.
    for (const s of u.story.slice(0, MAX_ROWS * 4)) {
      const detail = safe(stepDetail(s));
      out.push(...para(`${t(s.t)}  ${stepTitle(s)}${detail ? ` — ${detail}` : ''} (${safe(`${s.source}:${s.line}`)})`, '  ', '      '));
    }
    if (u.story.length > MAX_ROWS * 4) out.push(...para(`… and ${u.story.length - MAX_ROWS * 4} more steps (use --format json for all)`));
  } else if (users.length > 1) {
    out.push('', ...para(c(1, 'Users') + `: ${users.length} with a story in the logs; --user NAME tells one`));
  }
  out.push('', ...para(c(1, 'Culler') + ': ' + cullerSettings(r).map(([k, v2]) => `${k} ${v2}`).join('; ')));
  if (r.hubStarts.length > 0) out.push(...para(c(1, 'Hub starts') + ': ' + r.hubStarts.map((s) => `${t(s.at)}${s.version ? ` (${safe(s.version)})` : ''}`).join(', ')));
  const tot = r.totals;
  out.push('', ...para(`Read ${plural(tot.lines, 'line')}: ${tot.parsed} parsed, ${tot.unparsed} unparsed${tot.duplicates ? `, ${plural(tot.duplicates, 'duplicate record')} dropped` : ''}. Times in ${zoneLabel(opts.tz)}.`));
  for (const i of r.inputs) if (i.error !== undefined) out.push(...para(c(33, `Not read${i.lines > 0 ? ' in full' : ''}: ${safe(i.source)}`) + ` (${safe(i.error)})`));
  out.push(...para(coverageSentence(tot)));
  return out.join('\n') + '\n';
};
