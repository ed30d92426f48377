// Terminal report: tables via cli-table3, colour only when asked (TTY and no NO_COLOR), and every
// string from the logs through termText, so it can neither drive the terminal nor forge a line.
import Table from 'cli-table3';
import type { Reporter } from '../core/model/report.js';
import { formatTime, formatTimedelta, withDisplayTimes, zoneLabel } from './time.js';
import { causeCounts, causesSeen, cullerSettings, requestOf, seenLine } from './words.js';
import { termText } from './terminal.js';
import { plural } from '../core/text.js';
import { coverageSentence } from '../core/coverage.js';

const MAX_ROWS = 50;

export const renderText: Reporter = (logged, opts) => {
  const r = withDisplayTimes(logged, opts.tz);
  const c = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const t = (iso: string | null) => (iso ? formatTime(iso, opts.tz) : '-');
  const safe = termText;
  const table = (head: string[]) => new Table({ head, style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [] }, wordWrap: true });
  const out: string[] = [];
  const v = r.verdict;
  const sev = v.rootCause === 'none' ? 32 : v.rootCause === 'inconclusive' ? 33 : 31;
  out.push(c(1, 'hubsleuth') + ` ${r.tool.version} — ${plural(r.totals.lines, 'line')} from ${plural(r.inputs.length, 'input')}`);
  out.push('');
  out.push(c(sev, c(1, `Verdict: ${v.rootCause}`)) + ` (confidence ${v.confidence}) — ${safe(v.title)}`);
  out.push(safe(v.summary));
  out.push(c(1, 'Evidence') + ': ' + seenLine(r, t));
  if (r.incidents.length > 0) {
    out.push('', c(1, `Incidents (${r.incidents.length})`));
    const tb = table(['user', 'deleted at', 'by', 'inactive for', 'denials', 'first denied', 'last denied', 'restored']);
    for (const i of r.incidents.slice(0, MAX_ROWS)) {
      tb.push([safe(i.user), t(i.deletedAt), safe(i.deletedBy + (i.actor ? ` (${i.actor})` : '')), safe(i.inactiveFor ? formatTimedelta(i.inactiveFor) : '-'), String(i.denials), t(i.firstDeniedAt), t(i.lastDeniedAt), i.restoredAt ? `${t(i.restoredAt)}${i.restoredBy ? ` (${i.restoredBy})` : ''}` : c(33, 'not yet')]);
    }
    out.push(tb.toString());
    if (r.incidents.length > MAX_ROWS) out.push(`… and ${r.incidents.length - MAX_ROWS} more (use --format json or markdown for all)`);
  }
  if (r.denials.length > 0) {
    out.push('', c(1, `Refused requests (${r.denials.length})`) + ': ' + causeCounts(r).map(([k, n]) => `${k} ${n}`).join(', '));
    const tb = table(['at', 'user', 'request', 'cause', 'seen by', 'user from']);
    for (const d of r.denials.slice(0, MAX_ROWS)) tb.push([t(d.at), safe(d.user ?? '-'), safe(requestOf(d)), d.cause, d.component, d.attributedBy ?? '-']);
    out.push(tb.toString());
    if (r.denials.length > MAX_ROWS) out.push(`… and ${r.denials.length - MAX_ROWS} more (use --format json or markdown for all)`);
    for (const [id, cause] of causesSeen(r)) {
      out.push(`  ${id} (${cause.count}): ${cause.title}. ${cause.explanation}`);
      for (const step of cause.remediation) out.push(`    - ${step}`);
    }
  }
  for (const f of r.findings) {
    out.push('', c(f.severity === 'critical' || f.severity === 'error' ? 31 : 33, `[${f.severity}] ${f.kind}`) + ': ' + safe(f.summary));
  }
  out.push('', c(1, 'Culler') + ': ' + cullerSettings(r).map(([k, v2]) => `${k} ${v2}`).join('; '));
  if (r.hubStarts.length > 0) out.push(c(1, 'Hub starts') + ': ' + r.hubStarts.map((s) => `${t(s.at)}${s.version ? ` (${safe(s.version)})` : ''}`).join(', '));
  if (v.remediation.length > 0) {
    out.push('', c(1, 'What to do'));
    v.remediation.forEach((s, k) => out.push(`  ${k + 1}. ${safe(s)}`));
  }
  const tot = r.totals;
  out.push('', `Read ${plural(tot.lines, 'line')}: ${tot.parsed} parsed, ${tot.unparsed} unparsed${tot.duplicates ? `, ${plural(tot.duplicates, 'duplicate record')} dropped` : ''}. Times in ${zoneLabel(opts.tz)}.`);
  for (const i of r.inputs) if (i.error !== undefined) out.push(c(33, `Not read${i.lines > 0 ? ' in full' : ''}: ${safe(i.source)}`) + ` (${safe(i.error)})`);
  out.push(coverageSentence(tot));
  return out.join('\n') + '\n';
};
