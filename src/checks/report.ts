// Render a CheckResult as text (terminal, a box table), markdown (tickets, runbooks) or JSON (machines).
// Like the analyze reporters, every format renders the same object and nothing else.
import type { CheckResult, CheckFinding, CheckUser } from '../core/model/checks.js';
import { mdCode, mdEscape } from '../report/markdown-escape.js';
import { termText } from '../report/terminal.js';
import { jsonVisible } from '../report/json-text.js';
import { plural } from '../core/text.js';
import { boxTable } from './box-table.js';

export type CheckFormat = 'text' | 'markdown' | 'json';
export const CHECK_FORMATS: CheckFormat[] = ['text', 'markdown', 'json'];

function tally(findings: CheckFinding[]): string {
  if (findings.length === 0) return 'no findings';
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  const parts: string[] = [];
  for (const [sev, word] of [['critical', 'critical'], ['error', 'error'], ['warning', 'warning'], ['info', 'info']] as const) {
    const c = n(sev);
    if (c) parts.push(`${c} ${word}${c === 1 || sev === 'critical' || sev === 'info' ? '' : 's'}`);
  }
  return parts.join(', ');
}

const dash = (v: string | null) => v ?? '-';
const admin = (u: CheckUser) => (u.admin === null ? '?' : u.admin ? 'yes' : 'no');

function renderText(r: CheckResult): string {
  // Names come from the database or the hub, evidence from values files: none of it may act on the terminal.
  const t = termText;
  const out: string[] = [`hubsleuth ${r.command}: ${tally(r.findings)} (${r.sources.map(t).join(', ')})`];
  for (const f of r.findings) {
    out.push('', `${f.severity.toUpperCase()} ${f.kind}`, `  ${t(f.summary)}`);
    if (f.fix) out.push(`  fix: ${t(f.fix)}`);
    for (const e of f.evidence) out.push(`  at ${t(e.source)}:${e.line}: ${t(e.text)}`);
  }
  if (r.users) {
    out.push('', `${plural(r.users.length, 'user')}${r.expected?.from ? `, compared with ${t(r.expected.from)}` : ''}:`);
    const rows = [['user', 'admin', 'created', 'last activity', 'status']];
    for (const u of r.users) rows.push([t(u.name), admin(u), t(dash(u.created)), t(dash(u.lastActivity)), u.status ?? '-']);
    out.push(boxTable(rows));
  }
  return out.join('\n') + '\n';
}

function renderMarkdown(r: CheckResult): string {
  const out: string[] = [`## hubsleuth ${r.command}: ${tally(r.findings)}`, '', `Checked: ${r.sources.map(mdCode).join(', ')}`];
  for (const f of r.findings) {
    out.push('', `### ${f.severity.toUpperCase()}: \`${f.kind}\``, '', mdEscape(f.summary));
    if (f.fix) out.push('', `**Fix:** ${f.fix}`);
    if (f.evidence.length) {
      out.push('');
      for (const e of f.evidence) out.push(`- ${mdCode(`${e.source}:${e.line}`)}: ${mdCode(e.text)}`);
    }
  }
  if (r.users) {
    out.push('', `### Users (${r.users.length})`, '', '| user | admin | created | last activity | status |', '|---|---|---|---|---|');
    for (const u of r.users) out.push(`| ${mdEscape(u.name)} | ${admin(u)} | ${dash(u.created)} | ${dash(u.lastActivity)} | ${u.status ?? '-'} |`);
  }
  return out.join('\n') + '\n';
}

function renderJson(r: CheckResult): string {
  return jsonVisible(JSON.stringify(r, null, 2)) + '\n';
}

export function renderCheck(r: CheckResult, format: CheckFormat): string {
  return format === 'json' ? renderJson(r) : format === 'markdown' ? renderMarkdown(r) : renderText(r);
}
