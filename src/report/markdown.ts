// Markdown shaped like the incident reports hub operators file: summary, action items, impact,
// timeline, root cause, then the evidence, folded in <details> so the ticket reads in a screen.
// Log text is untrusted: it is escaped (markdown-escape.ts), and evidence goes in fenced blocks
// that a log line cannot close.
import type { Report, Reporter, UserStory } from '../core/model/report.js';
import { formatTime, formatTimedelta, withDisplayTimes, zoneLabel } from './time.js';
import { causeCounts, causesSeen, cullerSettings, requestOf, seenLine, unexplained } from './words.js';
import { plural, stripControls } from '../core/text.js';
import { mdCode, mdEscape, mdFence } from './markdown-escape.js';
import { coverageSentence } from '../core/coverage.js';
import { stepDetail, stepTitle } from './story-words.js';

// A ticket holds the stories of the first users; the JSON report has every one of them.
const MAX_STORIES = 50;
const MAX_STEPS = 200;

const MAX_DENIALS = 200;

type Fmt = (iso: string | null) => string;

/** A block a reader opens when they want it; the blank lines let Markdown inside it render. */
function folded(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function impact(r: Report, t: Fmt): string[] {
  const refused = [...new Set(r.incidents.filter((i) => i.denials > 0).map((i) => i.user))];
  const latest = new Map(r.incidents.map((i) => [i.user, i]));
  const missing = [...latest.values()].filter((i) => i.restoredAt === null).map((i) => i.user);
  const names = (users: string[]) => users.map(mdEscape).join(', ');
  const out: string[] = [];
  if (refused.length > 0) out.push(`- **Locked out:** ${plural(refused.length, 'user')} (${names(refused)}) refused after their deletion.`);
  if (r.denials.length > 0) {
    let [first, last] = ['', ''];
    for (const d of r.denials) {
      if (first === '' || d.at < first) first = d.at;
      if (d.at > last) last = d.at;
    }
    out.push(`- **Refused requests:** ${r.denials.length}, from ${t(first)} to ${t(last)} — ${causeCounts(r).map(([k, n]) => `${k}: ${n}`).join(', ')}.`);
  }
  if (missing.length > 0) out.push(`- **Still deleted at the end of the logs:** ${plural(missing.length, 'user')} (${names(missing)}): refused at their next login.`);
  out.push(`- **Deletions:** ${plural(r.incidents.length, 'incident')}, ${r.incidents.filter((i) => i.denials > 0).length} with refused logins.`);
  for (const f of r.findings) out.push(`- **${f.severity}** ${mdEscape(f.title)} (\`${f.kind}\`): ${mdEscape(f.summary)}`);
  return out;
}

function timeline(r: Report, t: Fmt): string[] {
  const rows: Array<[string, string]> = [];
  for (const s of r.hubStarts) rows.push([s.at, `hub start${s.version ? ` (JupyterHub ${mdEscape(s.version)})` : ''} — ${mdCode(`${s.source}:${s.line}`)}`]);
  r.incidents.forEach((i, k) => {
    rows.push([i.deletedAt, `**${mdEscape(i.user)}** deleted by ${i.deletedBy} (incident ${k + 1})`]);
    if (i.firstDeniedAt) rows.push([i.firstDeniedAt, `${mdEscape(i.user)} refused (first of ${i.denials})`]);
    if (i.restoredAt) rows.push([i.restoredAt, i.restoredBy === 'restart' ? `${mdEscape(i.user)} can log in again (hub restart)` : `${mdEscape(i.user)} logged in again`]);
  });
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (rows.length === 0) return ['Nothing to show.'];
  const out = rows.slice(0, 300).map(([at, what]) => `- ${t(at)} — ${what}`);
  if (rows.length > 300) out.push(`- … ${rows.length - 300} more`);
  return out;
}

function rootCause(r: Report): string[] {
  const v = r.verdict;
  const out = [`**\`${v.rootCause}\`** (confidence ${v.confidence}): ${mdEscape(v.title)}.`, ''];
  if (r.denials.length > 0) {
    out.push('### Causes of the refused requests', '');
    // The causes' words are our own Markdown (code spans), never log text.
    for (const [id, cause] of causesSeen(r)) {
      out.push(`- **${cause.title}** (\`${id}\`, ${cause.count}): ${cause.explanation}`);
      for (const step of cause.remediation) out.push(`  - ${step}`);
    }
    for (const [missing, where] of unexplained(r)) out.push(`- Not explained by the log: ${mdEscape(where)}; the line that would have: ${missing}`);
    out.push('');
  }
  out.push('### Culler settings', '', '| setting | value |', '|---|---|');
  for (const [k, val] of cullerSettings(r)) out.push(`| ${k} | ${mdEscape(val)} |`);
  return out;
}

function storyTable(u: UserStory, t: Fmt): string[] {
  return ['| at | step | details | line |', '|---|---|---|---|',
    ...u.story.slice(0, MAX_STEPS).map((s) => `| ${t(s.t)} | ${stepTitle(s)} | ${mdEscape(stepDetail(s)) || '—'} | ${mdEscape(s.source)}:${s.line} |`),
    ...(u.story.length > MAX_STEPS ? ['', `… ${u.story.length - MAX_STEPS} more steps in the JSON report.`] : [])];
}

/** The story of the report's one user (`--user`) is a section of its own; several users' are evidence. */
function story(r: Report, t: Fmt): string[] {
  const users = r.users ?? [];
  return users.length === 1 ? [`## Story of ${mdEscape(users[0].user)}`, '', ...storyTable(users[0], t), ''] : [];
}

function stories(r: Report, t: Fmt): string[] {
  const users = r.users ?? [];
  if (users.length < 2) return [];
  const more = users.length > MAX_STORIES ? [`… ${users.length - MAX_STORIES} more users in the JSON report (\`--user NAME\` tells one).`, ''] : [];
  return [...users.slice(0, MAX_STORIES).flatMap((u) => folded(`Story of ${mdEscape(u.user)} (${plural(u.story.length, 'step')})`, storyTable(u, t))), ...more];
}

function evidence(r: Report, t: Fmt): string[] {
  const out: string[] = [];
  if (r.incidents.length > 0) {
    out.push(...folded(`Incidents (${r.incidents.length})`, [
      '| # | user | deleted at | by | inactive for | denials | first denied | last denied | restored |', '|---|---|---|---|---|---|---|---|---|',
      ...r.incidents.map((i, k) => `| ${k + 1} | ${mdEscape(i.user)} | ${t(i.deletedAt)} | ${i.deletedBy}${i.actor ? ` (${mdEscape(i.actor)})` : ''} | ${mdEscape(i.inactiveFor ? formatTimedelta(i.inactiveFor) : '—')} | ${i.denials} | ${t(i.firstDeniedAt)} | ${t(i.lastDeniedAt)} | ${i.restoredAt ? `${t(i.restoredAt)}${i.restoredBy ? ` (${i.restoredBy})` : ''}` : '**not yet**'} |`),
    ]));
  }
  if (r.denials.length > 0) {
    const rows = r.denials.slice(0, MAX_DENIALS).map((d) => `| ${t(d.at)} | ${mdEscape(d.user ?? '—')} | ${mdEscape(requestOf(d))} | ${d.cause} | ${d.component} | ${d.attributedBy ?? '—'} | ${d.incident === null ? '—' : d.incident + 1} | ${mdEscape(d.source)}:${d.line} |`);
    if (r.denials.length > MAX_DENIALS) rows.push('', `… ${r.denials.length - MAX_DENIALS} more in the JSON report.`);
    out.push(...folded(`Refused requests (${r.denials.length})`, ['| at | user | request | cause | seen by | user from | incident | source |', '|---|---|---|---|---|---|---|---|', ...rows]));
  }
  out.push(...stories(r, t));
  // Incidents and findings cite the same lines (a finding quotes its first incident): list each once.
  const seen = new Set<string>();
  const lines = [...r.culler.evidence, ...r.incidents.flatMap((i) => i.evidence), ...r.findings.flatMap((f) => f.evidence)]
    .filter((e) => !seen.has(`${e.source}\0${e.line}`) && seen.add(`${e.source}\0${e.line}`));
  if (lines.length > 0) {
    const shown = lines.slice(0, 120);
    out.push(...folded(`Log lines (${shown.length}, as source:line)`, [mdFence(shown.map((e) => `${e.source}:${e.line}: ${e.text.split('\n')[0]}`))]));
  }
  out.push(...folded(`Inputs (${r.inputs.length})`, ['| source | format | envelope | lines | parsed | unparsed | first | last |', '|---|---|---|---|---|---|---|---|',
    ...r.inputs.map((i) => `| ${mdEscape(i.source)} | ${i.format} | ${i.envelope} | ${i.lines} | ${i.parsed} | ${i.unparsed} | ${t(i.first)} | ${t(i.last)} |`)]));
  return out;
}

export const renderMarkdown: Reporter = (logged, opts) => {
  const r = withDisplayTimes(logged, opts.tz);
  const t: Fmt = (iso) => (iso ? formatTime(iso, opts.tz) : '—');
  const v = r.verdict;
  const out: string[] = [`# Incident report: ${mdEscape(v.title)}`, ''];
  out.push('## Summary', '', mdEscape(v.summary), '');
  out.push(`- **Root cause:** \`${v.rootCause}\` (confidence ${v.confidence})`, `- **Evidence:** ${mdEscape(seenLine(r, t))}`, `- **Incidents:** ${r.incidents.length} (${r.incidents.filter((i) => i.denials > 0).length} with refused logins)`,
    `- **Refused requests:** ${r.denials.length}`, `- **Times:** ${zoneLabel(opts.tz)}`, '');
  out.push('## Action items', '');
  // Remediation is our own Markdown (code spans); a line break in it must not end the list.
  if (v.remediation.length === 0) out.push('None: nothing in the logs calls for a change.');
  v.remediation.forEach((s, k) => out.push(`${k + 1}. ${stripControls(s).replace(/\r?\n/g, ' ')}`));
  out.push('', '## Impact', '', ...impact(r, t), '');
  out.push('## Timeline', '', ...timeline(r, t), '');
  out.push('## Root cause', '', ...rootCause(r), '');
  out.push(...story(r, t));
  out.push('## Evidence', '', ...evidence(r, t));
  const unread = r.inputs.filter((i) => i.error !== undefined);
  if (unread.length > 0) out.push(...unread.map((i) => `- **Not read${i.lines > 0 ? ' in full' : ''}:** ${mdEscape(i.source)} (${mdEscape(i.error)})`), '');
  out.push(`_${plural(r.totals.lines, 'line')} read, ${plural(r.totals.duplicates, 'duplicate record')} dropped. Generated by hubsleuth ${r.tool.version}._`, '');
  out.push(`_${coverageSentence(r.totals)}_`, '');
  return out.join('\n');
};
