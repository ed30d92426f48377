// Markdown shaped for an incident ticket. Log text is untrusted: it is escaped (markdown-escape.ts),
// and evidence goes in fenced blocks that a log line cannot close.
import type { Reporter } from '../core/model/report.js';
import { formatTime, formatTimedelta, withDisplayTimes, zoneLabel } from './time.js';
import { causeCounts, causesSeen, cullerSettings, requestOf, seenLine } from './words.js';
import { plural, stripControls } from '../core/text.js';
import { mdCode, mdEscape, mdFence } from './markdown-escape.js';
import { coverageSentence } from '../core/coverage.js';

const MAX_DENIALS = 200;

export const renderMarkdown: Reporter = (logged, opts) => {
  const r = withDisplayTimes(logged, opts.tz);
  const t = (iso: string | null) => (iso ? formatTime(iso, opts.tz) : '—');
  const v = r.verdict;
  const out: string[] = [];
  out.push(`# hubsleuth report: ${mdEscape(v.title)}`, '');
  out.push('## Summary', '', mdEscape(v.summary), '');
  out.push('## Verdict', '', `- **Root cause:** \`${v.rootCause}\``, `- **Confidence:** ${v.confidence}`, `- **Evidence:** ${mdEscape(seenLine(r, t))}`, `- **Incidents:** ${r.incidents.length} (${r.incidents.filter((i) => i.denials > 0).length} with refused logins)`, `- **Refused requests:** ${r.denials.length}${r.denials.length ? ' — ' + causeCounts(r).map(([k, n]) => `${k}: ${n}`).join(', ') : ''}`, `- **Times:** ${zoneLabel(opts.tz)}`, '');
  if (r.incidents.length > 0) {
    out.push('## Incidents', '', '| # | user | deleted at | by | inactive for | denials | first denied | last denied | restored |', '|---|---|---|---|---|---|---|---|---|');
    r.incidents.forEach((i, k) => {
      out.push(`| ${k} | ${mdEscape(i.user)} | ${t(i.deletedAt)} | ${i.deletedBy}${i.actor ? ` (${mdEscape(i.actor)})` : ''} | ${mdEscape(i.inactiveFor ? formatTimedelta(i.inactiveFor) : '—')} | ${i.denials} | ${t(i.firstDeniedAt)} | ${t(i.lastDeniedAt)} | ${i.restoredAt ? `${t(i.restoredAt)}${i.restoredBy ? ` (${i.restoredBy})` : ''}` : '**not yet**'} |`);
    });
    out.push('');
  }
  if (r.findings.length > 0) {
    out.push('## Findings', '');
    for (const f of r.findings) out.push(`- **${f.severity}** \`${f.kind}\`: ${mdEscape(f.summary)}`);
    out.push('');
  }
  out.push('## Timeline', '');
  const timeline: Array<[string, string]> = [];
  for (const s of r.hubStarts) timeline.push([s.at, `hub start${s.version ? ` (JupyterHub ${mdEscape(s.version)})` : ''} — ${mdCode(`${s.source}:${s.line}`)}`]);
  r.incidents.forEach((i, k) => {
    timeline.push([i.deletedAt, `**${mdEscape(i.user)}** deleted by ${i.deletedBy} (incident ${k})`]);
    if (i.firstDeniedAt) timeline.push([i.firstDeniedAt, `${mdEscape(i.user)} refused (first of ${i.denials})`]);
    if (i.restoredAt) timeline.push([i.restoredAt, i.restoredBy === 'restart' ? `${mdEscape(i.user)} can log in again (hub restart)` : `${mdEscape(i.user)} logged in again`]);
  });
  timeline.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (timeline.length === 0) out.push('Nothing to show.');
  for (const [at, what] of timeline.slice(0, 300)) out.push(`- ${t(at)} — ${what}`);
  if (timeline.length > 300) out.push(`- … ${timeline.length - 300} more`);
  out.push('');
  if (r.denials.length > 0) {
    out.push('## Refused requests', '', '| at | user | request | cause | seen by | user from | incident | source |', '|---|---|---|---|---|---|---|---|');
    for (const d of r.denials.slice(0, MAX_DENIALS)) {
      out.push(`| ${t(d.at)} | ${mdEscape(d.user ?? '—')} | ${mdEscape(requestOf(d))} | ${d.cause} | ${d.component} | ${d.attributedBy ?? '—'} | ${d.incident ?? '—'} | ${mdEscape(d.source)}:${d.line} |`);
    }
    if (r.denials.length > MAX_DENIALS) out.push('', `… ${r.denials.length - MAX_DENIALS} more in the JSON report.`);
    out.push('', '### Causes', '');
    // The causes' words are our own Markdown (code spans), never log text.
    for (const [id, cause] of causesSeen(r)) {
      out.push(`- **${cause.title}** (\`${id}\`, ${cause.count}): ${cause.explanation}`);
      for (const step of cause.remediation) out.push(`  - ${step}`);
    }
    out.push('');
  }
  out.push('## Culler settings', '', '| setting | value |', '|---|---|');
  for (const [k, val] of cullerSettings(r)) out.push(`| ${k} | ${mdEscape(val)} |`);
  out.push('');
  // Incidents and findings cite the same lines (a finding quotes its first incident): list each once.
  const seen = new Set<string>();
  const evidence = [...r.culler.evidence, ...r.incidents.flatMap((i) => i.evidence), ...r.findings.flatMap((f) => f.evidence)]
    .filter((e) => !seen.has(`${e.source}\0${e.line}`) && seen.add(`${e.source}\0${e.line}`));
  if (evidence.length > 0) {
    out.push('## Evidence', '', mdFence(evidence.slice(0, 120).map((e) => `${e.source}:${e.line}: ${e.text.split('\n')[0]}`)), '');
  }
  if (v.remediation.length > 0) {
    out.push('## Remediation', '');
    // Remediation is our own Markdown (code spans); a line break in it must not end the list.
    v.remediation.forEach((s, k) => out.push(`${k + 1}. ${stripControls(s).replace(/\r?\n/g, ' ')}`));
    out.push('');
  }
  out.push('## Inputs', '', '| source | format | envelope | lines | parsed | unparsed | first | last |', '|---|---|---|---|---|---|---|---|');
  for (const i of r.inputs) out.push(`| ${mdEscape(i.source)} | ${i.format} | ${i.envelope} | ${i.lines} | ${i.parsed} | ${i.unparsed} | ${t(i.first)} | ${t(i.last)} |`);
  const unread = r.inputs.filter((i) => i.error !== undefined);
  if (unread.length > 0) out.push('', ...unread.map((i) => `- **Not read${i.lines > 0 ? ' in full' : ''}:** ${mdEscape(i.source)} (${mdEscape(i.error)})`));
  out.push('', `_${plural(r.totals.lines, 'line')} read, ${plural(r.totals.duplicates, 'duplicate record')} dropped. Generated by hubsleuth ${r.tool.version}._`, '');
  out.push(`_${coverageSentence(r.totals)}_`, '');
  return out.join('\n');
};
