// The report's text sections. Tables repeat every fact the chart draws, so the chart is never
// the only place a fact lives (screen readers, printouts, copy-paste into tickets).
import type { Evidence, Incident, Report } from '../../core/model/report.js';
import { formatSeconds as seconds, formatTime, formatTimedelta, zoneLabel } from '../time.js';
import { clip, esc, escWithCode } from './escape.js';
import { causesSeen, requestOf, seenLine, unexplained } from '../words.js';
import type { Lane } from './lanes.js';
import { coverageSentence } from '../../core/coverage.js';

/** Beyond this, the denials table summarises instead of listing: the JSON report has them all. */
const MAX_DENIAL_ROWS = 1000;

type Fmt = (iso: string | null) => string;

export function timeFormatter(tz: string | undefined): Fmt {
  // Date and clock are separate no-wrap runs so a narrow table column breaks between them only.
  return (iso) => {
    if (!iso) return '<span class="muted">—</span>';
    const text = formatTime(iso, tz);
    const cut = text.indexOf(' ');
    return cut < 0 ? `<span class="t">${esc(text)}</span>`
      : `<span class="t">${esc(text.slice(0, cut))}</span> <span class="t">${esc(text.slice(cut + 1))}</span>`;
  };
}

function evidenceList(items: Evidence[]): string {
  if (items.length === 0) return '<p class="note">No log lines recorded.</p>';
  return `<ul class="ev">${items.map((e) =>
    `<li><span class="loc">${esc(e.source)}:${e.line}</span>${esc(clip(e.text))}</li>`).join('')}</ul>`;
}

const STORY_ACTOR: Partial<Record<Report['verdict']['rootCause'], { by: Incident['deletedBy']; who: string }>> = {
  'culler-deleted-users': { by: 'culler', who: 'the idle culler' },
  'admin-deleted-users': { by: 'admin', who: 'an admin' },
};

/**
 * The figures beside the summary count what the summary counts: under a deletion story, the users
 * that actor deleted and the refusals those deletions caused; every other refusal has a card of its
 * own, so the cards still add up to the tables below.
 */
function cards(report: Report, lanes: Lane[]): Array<[string, number]> {
  const users = (list: Iterable<{ user: string | null }>): number => new Set([...list].flatMap((i) => (i.user === null ? [] : [i.user]))).size;
  const open = lanes.filter((l) => l.open).length;
  const tail: Array<[string, number]> = [['Still missing', open], ['Hub starts', report.hubStarts.length]];
  const story = STORY_ACTOR[report.verdict.rootCause];
  if (!story) {
    const deleted: Array<[string, number]> = report.incidents.length ? [['Users deleted', lanes.length]] : [];
    return [['Refused requests', report.denials.length], ['Users refused', users(report.denials)], ...deleted, ...tail];
  }
  const theirs = report.incidents.filter((i) => i.deletedBy === story.by);
  const refused = theirs.filter((i) => i.denials > 0);
  const after = refused.reduce((n, i) => n + i.denials, 0);
  const others = report.incidents.length - theirs.length;
  return [
    [`Users deleted by ${story.who}`, users(theirs)],
    ['Users refused since', users(refused)],
    ['Refused after the deletion', after],
    ...(report.denials.length > after ? [['Other refused requests', report.denials.length - after] as [string, number]] : []),
    ...(others > 0 ? [['Other deletions', others] as [string, number]] : []),
    ...tail,
  ];
}

export function verdictSection(report: Report, lanes: Lane[], tz: string | undefined): string {
  const v = report.verdict;
  const stat = (label: string, value: number): string => `<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return `<header id="verdict"><p class="kicker">hubsleuth incident report</p>`
    + `<h1>${esc(v.title)} <span class="badge conf-${esc(v.confidence)}">confidence: ${esc(v.confidence)}</span></h1>`
    + `<p class="summary">${escWithCode(v.summary)}</p>`
    + `<dl class="stats">${cards(report, lanes).map(([label, value]) => stat(label, value)).join('')}</dl>`
    + `<p class="note evidence">Evidence: ${esc(seenLine(report, (iso) => formatTime(iso, tz)))}; ${report.totals.lines} lines read.</p>`
    + '<nav aria-label="Sections"><a href="#timeline">Timeline</a><a href="#fix">Remediation</a><a href="#findings">Findings</a>'
    + '<a href="#incidents">Incidents</a><a href="#denials">Refused requests</a><a href="#culler">Culler &amp; hub</a>'
    + '<a href="#evidence">Evidence</a><a href="#inputs">Inputs</a></nav></header>';
}

export function remediationSection(report: Report): string {
  const steps = report.verdict.remediation;
  return '<section id="fix"><h2>Remediation</h2>'
    + (steps.length ? `<ol class="fix">${steps.map((s) => `<li>${escWithCode(s)}</li>`).join('')}</ol>`
      : '<p class="note">Nothing to change.</p>')
    + '</section>';
}

export function findingsSection(report: Report, t: Fmt): string {
  const body = report.findings.map((f) =>
    `<div class="finding b-${esc(f.severity)}" data-kind="finding" data-finding="${esc(f.kind)}">`
    + `<h3><span class="badge sev-${esc(f.severity)}">${esc(f.severity)}</span> <span class="title">${esc(f.title)}</span> <span class="muted">${esc(f.kind)}${f.at ? ` · ${t(f.at)}` : ''}</span></h3>`
    + `<p>${escWithCode(f.summary)}</p>`
    + (f.users?.length ? `<p class="note">Users: ${f.users.map((u) => `<span class="user">${esc(u)}</span>`).join(', ')}</p>` : '')
    + evidenceList(f.evidence) + '</div>').join('');
  return `<section id="findings"><h2>Findings</h2>${body || '<p class="note">No further findings.</p>'}</section>`;
}

function deletedBy(inc: Incident): string {
  if (inc.deletedBy === 'culler') return 'idle culler';
  if (inc.deletedBy === 'admin') return `admin${inc.actor ? ` <span class="user">${esc(inc.actor)}</span>` : ''}`;
  return 'unknown';
}

function restored(inc: Incident, t: Fmt): string {
  if (!inc.restoredAt) return '<span class="badge sev-error">still missing</span>';
  return `${t(inc.restoredAt)} <span class="muted">(${inc.restoredBy === 'restart' ? 'hub restart' : 'login'})</span>`;
}

/** Doubles as the chart's text alternative, so it follows the lane order. */
export function incidentsSection(report: Report, lanes: Lane[], t: Fmt, tz: string | undefined): string {
  const rows = lanes.flatMap((lane) => lane.incidents.map((i) => {
    const inc = report.incidents[i];
    return `<tr data-incident="${i}" data-user="${esc(inc.user)}"><td class="num">${i + 1}</td><td class="user">${esc(inc.user)}</td>`
      + `<td>${t(inc.deletedAt)}</td><td class="nw">${deletedBy(inc)}</td><td class="mono">${esc(inc.inactiveFor ? formatTimedelta(inc.inactiveFor) : '—')}</td>`
      + `<td class="num">${inc.denials}</td><td>${t(inc.firstDeniedAt)}</td><td>${t(inc.lastDeniedAt)}</td>`
      + `<td>${restored(inc, t)}</td><td><a href="#ev-${i}">${inc.evidence.length}&nbsp;lines</a></td></tr>`;
  })).join('');
  return '<section id="incidents"><h2>Incidents</h2>'
    + (rows ? `<div class="wide"><table><caption id="incidents-caption">One row per deletion of a user, most affected users first (same order as the timeline). Times in ${esc(zoneLabel(tz))}.</caption>`
      + '<thead><tr><th class="num">#</th><th>User</th><th>Deleted</th><th>By</th><th>Inactive for</th><th class="num">Refused</th>'
      + '<th>First refused</th><th>Last refused</th><th>Access back</th><th>Evidence</th></tr></thead>'
      + `<tbody>${rows}</tbody></table></div>` : '<p class="note">No user was deleted.</p>')
    + '</section>';
}

export function denialsSection(report: Report, t: Fmt, tz: string | undefined): string {
  const all = [...report.denials].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const byCause = new Map<string, number>();
  for (const d of all) byCause.set(d.cause, (byCause.get(d.cause) ?? 0) + 1);
  const summary = [...byCause].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${n} ${esc(c)}`).join(' · ');
  const rows = all.slice(0, MAX_DENIAL_ROWS).map((d) =>
    `<tr data-kind="denial-row"><td>${t(d.at)}</td><td class="user">${d.user === null ? '<span class="muted">unattributed</span>' : esc(d.user)}</td>`
    + `<td class="mono">${esc(requestOf(d))}</td><td class="nw">${esc(d.cause)}</td><td>${esc(d.component)}</td><td>${esc(d.attributedBy ?? '—')}</td>`
    + `<td class="num">${d.incident === null ? '—' : `<a href="#ev-${d.incident}">${d.incident + 1}</a>`}</td>`
    + `<td class="mono">${esc(d.source)}:${d.line}</td></tr>`).join('');
  const more = all.length - MAX_DENIAL_ROWS;
  return '<section id="denials"><h2>Refused requests</h2>'
    + (all.length ? `<p class="note">${all.length} refused: ${summary}.</p>`
      + `<div class="wide"><table><caption>Every refused request, oldest first. Times in ${esc(zoneLabel(tz))}.</caption>`
      + '<thead><tr><th>Time</th><th>User</th><th>Request</th><th>Cause</th><th>Seen by</th><th>User from</th><th class="num">Incident</th><th>Source</th></tr></thead>'
      + `<tbody>${rows}</tbody></table></div>`
      + causesSeen(report).map(([id, c]) => `<div class="cause" data-cause="${esc(id)}"><h3>${esc(c.title)} <span class="muted">${esc(id)} · ${c.count}</span></h3>`
        + `<p>${escWithCode(c.explanation)}</p><ul>${c.remediation.map((s) => `<li>${escWithCode(s)}</li>`).join('')}</ul></div>`).join('')
      + unexplainedList(report)
      + (more > 0 ? `<p class="note">${more} more refused requests are not listed here; the JSON report (<code>--format json</code>) has all of them.</p>` : '')
      : '<p class="note">No refused requests.</p>')
    + '</section>';
}

/** The refusals no line explains, with the line that would have: what to look for in a fuller log. */
function unexplainedList(report: Report): string {
  const items = unexplained(report);
  if (items.length === 0) return '';
  return '<ul class="unexplained">' + items.map(([missing, where]) =>
    `<li data-kind="unexplained">Not explained by the log: <span class="mono">${esc(where)}</span>; the line that would have: ${escWithCode(missing)}</li>`).join('')
    + '</ul>';
}

export function cullerSection(report: Report, t: Fmt): string {
  const c = report.culler;
  const inferred = new Set(c.inferred ?? []);
  const mark = (key: string): string => (inferred.has(key) ? '<span class="inferred" title="inferred from behaviour, not read from the logged command line">inferred</span>' : '');
  const yesNo = (v: boolean | null): string => (v === null ? 'unknown' : v ? 'yes' : 'no');
  const row = (label: string, key: string, value: string): string =>
    `<tr data-setting="${key}"><th scope="row">${label}</th><td>${value}${mark(key)}</td></tr>`;
  const settings = `<div class="wide"><table class="settings"><caption>Recovered idle-culler settings${inferred.size ? '; values marked “inferred” were deduced from the culler’s behaviour, not read from its command line' : ''}.</caption><tbody>`
    + row('Culler seen in the logs', 'seen', yesNo(c.seen))
    + row('Culls users (<code>--cull-users</code>)', 'cullsUsers', yesNo(c.cullsUsers))
    + row('Idle timeout (<code>--timeout</code>)', 'timeoutSeconds', esc(seconds(c.timeoutSeconds)))
    + row('Runs every (<code>--cull-every</code>)', 'everySeconds', esc(seconds(c.everySeconds)))
    + (c.maxAgeSeconds !== undefined ? row('Max age (<code>--max-age</code>)', 'maxAgeSeconds', esc(seconds(c.maxAgeSeconds))) : '')
    + '</tbody></table></div>';
  const hubs = report.hubStarts.length
    ? `<div class="wide"><table><caption>Hub starts (each one reloads the allow list from the configuration).</caption><thead><tr><th>Time</th><th>JupyterHub version</th><th>Source</th></tr></thead><tbody>`
      + report.hubStarts.map((h) => `<tr data-kind="hub-start-row"><td>${t(h.at)}</td><td>${esc(h.version ?? 'unknown')}</td><td class="mono">${esc(h.source)}:${h.line}</td></tr>`).join('')
      + '</tbody></table></div>'
    : '<p class="note">No hub start in these logs.</p>';
  return `<section id="culler"><h2>Culler &amp; hub</h2>${settings}<h3>Culler evidence</h3>${evidenceList(c.evidence)}<h3>Hub starts</h3>${hubs}</section>`;
}

export function evidenceSection(report: Report, lanes: Lane[], t: Fmt): string {
  const blocks = lanes.flatMap((lane) => lane.incidents.map((i) => {
    const inc = report.incidents[i];
    return `<div id="ev-${i}"><h3>#${i + 1} <span class="user">${esc(inc.user)}</span> · deleted ${t(inc.deletedAt)}</h3>${evidenceList(inc.evidence)}</div>`;
  })).join('');
  return '<section id="evidence"><h2>Evidence</h2><p class="note">Log lines as <code>source:line</code>; <code>sed -n &lt;line&gt;p &lt;source&gt;</code> shows each in context.</p>'
    + (blocks || '<p class="note">No incident evidence.</p>') + '</section>';
}

export function inputsSection(report: Report, t: Fmt): string {
  const rows = report.inputs.map((i) =>
    `<tr><td class="mono">${esc(i.source)}</td><td>${esc(i.format)}</td><td>${esc(i.envelope)}</td><td class="num">${i.lines}</td>`
    + `<td class="num">${i.parsed}</td><td class="num">${i.unparsed}</td><td>${t(i.first)}</td><td>${t(i.last)}</td></tr>`
    + (i.error === undefined ? '' : `<tr class="unread"><td colspan="8">Not read${i.lines > 0 ? ' in full' : ''}: <span class="mono">${esc(i.source)}</span> (${esc(i.error)})</td></tr>`)).join('');
  const tot = report.totals;
  return '<section id="inputs"><h2>Inputs</h2><div class="wide"><table><thead><tr><th>Source</th><th>Format</th><th>Envelope</th><th class="num">Lines</th>'
    + `<th class="num">Parsed</th><th class="num">Unparsed</th><th>First</th><th>Last</th></tr></thead><tbody>${rows}</tbody></table></div>`
    + `<p class="note">${tot.lines} lines, ${tot.parsed} parsed, ${tot.unparsed} unparsed, ${tot.duplicates} duplicates dropped.</p>`
    + `<p class="note">${esc(coverageSentence(tot))}</p></section>`;
}
