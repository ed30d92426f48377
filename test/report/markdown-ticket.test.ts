// `analyze --format markdown` is pasted into incident tickets. These tests read it back with a real
// Markdown parser (marked, GFM): the sections of an incident report in their order, tables that parse
// with the right rows and columns, the evidence folded in balanced <details>, evidence lines that
// `sed -n <line>p <source>` confirms, and log text that stays text.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { ROOT, runCli, sample } from '../helpers/cli.js';
import { HubLog } from '../correlate/hublog.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const expected = JSON.parse(readFileSync(sample('incident-two-days.expected.json'), 'utf8')) as Report;
const SAMPLE = 'samples/incident-two-days.log';
const sampleLines = readFileSync(join(ROOT, SAMPLE), 'utf8').split('\n');
const shown = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '—');
// How long the culler saw each user inactive, as the log's timedeltas (1:00:01.147961) read.
const INACTIVE = ['1 h 0 min', '1 h 3 min', null, '1 h 7 min', '1 h 3 min', '1 h 6 min', '1 h 2 min', '1 h 7 min', '1 h 0 min', '1 h 5 min', '1 h 1 min', '1 h 1 min', '1 h 1 min', '1 h 6 min', '1 h 6 min'];

/** What a reader sees in a cell: the inline tokens flattened, entities decoded, no markup allowed. */
function cellText(cell: Tokens.TableCell): string {
  const flat = (tokens: Token[]): string => tokens.map((t) => {
    // GFM turns a bare e-mail address (dana@example.org) into a mailto link: still the same text.
    const autolink = t.type === 'link' && t.text === t.raw;
    assert.ok(t.type === 'text' || t.type === 'escape' || t.type === 'strong' || autolink, `a cell holds only text, got ${t.type}: ${t.raw}`);
    return t.type === 'strong' ? flat(t.tokens ?? []) : (t as Tokens.Text).text;
  }).join('');
  return flat(cell.tokens).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

interface Section {
  title: string;
  tokens: Token[];
}

/** The document split at its `##` headings. */
function sections(md: string): { h1: string; list: Section[] } {
  const tokens = marked.lexer(md);
  const h1 = tokens.find((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 1);
  assert.ok(h1, 'a title');
  const list: Section[] = [];
  for (const t of tokens) {
    if (t.type === 'heading' && t.depth === 2) list.push({ title: (t as Tokens.Heading).text, tokens: [] });
    else if (list.length > 0) list[list.length - 1].tokens.push(t);
  }
  return { h1: h1.text, list };
}

function section(s: { list: Section[] }, title: string): Section {
  const found = s.list.find((x) => x.title === title);
  assert.ok(found, `section "${title}" in ${s.list.map((x) => x.title).join(', ')}`);
  return found;
}

function table(sec: Section, columns: number, folded?: string): Tokens.Table {
  // Under a <details> block: the first table after its <summary>.
  const from = folded === undefined ? 0 : sec.tokens.findIndex((x) => x.type === 'html' && x.raw.includes(`<summary>${folded}`));
  assert.ok(from >= 0, `<details> "${folded}" under "${sec.title}"`);
  const t = sec.tokens.slice(from).find((x): x is Tokens.Table => x.type === 'table');
  assert.ok(t, `a table under "${sec.title}"`);
  assert.equal(t.header.length, columns, `header columns under "${sec.title}"`);
  for (const row of t.rows) assert.equal(row.length, columns, `row of "${sec.title}": ${row.map((c) => c.text).join(' / ')}`);
  return t;
}

describe('markdown ticket on the incident sample', () => {
  let md = '';
  let code: number | null = null;
  before(async () => {
    const r = await runCli(['analyze', '--format', 'markdown', SAMPLE]);
    md = r.stdout;
    code = r.code;
    assert.equal(r.stderr, '');
  });

  test('is shaped as an incident report: summary, action items, impact, timeline, root cause, evidence', () => {
    const s = sections(md);
    assert.equal(s.h1, 'Incident report: The idle culler deleted users, and their logins are refused');
    assert.deepEqual(s.list.map((x) => x.title), ['Summary', 'Action items', 'Impact', 'Timeline', 'Root cause', 'Evidence']);
    const sub = marked.lexer(md).filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3).map((t) => t.text);
    assert.deepEqual(sub, ['Causes of the refused requests', 'Culler settings']);
    assert.equal(code, 1);
    const verdict = section(s, 'Summary').tokens.find((t): t is Tokens.List => t.type === 'list');
    assert.ok(verdict);
    assert.ok(verdict.items.some((i) => i.text.includes('`culler-deleted-users`')));
    assert.ok(verdict.items.some((i) => i.text === '**Root cause:** `culler-deleted-users` (confidence high)'));
  });

  test('the evidence is last and folded: every <details> closes, with a <summary>, and holds what it says', () => {
    const html = marked.parse(md, { async: false });
    const tags = [...html.matchAll(/<\/?details>|<summary>[^<]*<\/summary>/g)].map((m) => m[0]);
    let open = 0;
    for (const [k, tag] of tags.entries()) {
      if (tag === '<details>') {
        assert.equal(open, 0, 'not nested');
        assert.match(tags[k + 1] ?? '', /^<summary>/, 'a summary right after <details>');
        open++;
      } else if (tag === '</details>') open--;
      assert.ok(open >= 0, 'closed before opened');
    }
    assert.equal(open, 0, 'every <details> closed');
    const cited = section(sections(md), 'Evidence').tokens.find((t): t is Tokens.Code => t.type === 'code')?.text.split('\n').length;
    // Each user's story is evidence too, folded between the refused requests and the log lines.
    const stories = tags.filter((t) => t.startsWith('<summary>Story of '));
    assert.deepEqual(stories.map((t) => /^<summary>Story of (\S+) \(\d+ steps?\)<\/summary>$/.exec(t)?.[1]), [
      'admin-alice', 'bob', 'carol', 'dana@example.org', 'erin', 'frank', 'grace', 'mallory',
    ]);
    assert.deepEqual(tags.filter((t) => t.startsWith('<summary>')), [
      '<summary>Incidents (15)</summary>', '<summary>Refused requests (19)</summary>', ...stories, `<summary>Log lines (${cited}, as source:line)</summary>`, '<summary>Inputs (1)</summary>',
    ]);
    // Nothing but the evidence is folded: the first <details> comes after the Evidence heading.
    assert.ok(html.indexOf('<details>') > html.indexOf('<h2>Evidence</h2>'));
    // The tables inside the folds are tables once rendered, not text.
    assert.equal((html.match(/<table>/g) ?? []).length, 4 + stories.length);
  });

  test('impact: who was locked out, what was refused, who is still deleted, and the findings', () => {
    const impact = section(sections(md), 'Impact').tokens.find((t): t is Tokens.List => t.type === 'list');
    assert.ok(impact);
    const items = impact.items.map((i) => i.text);
    assert.equal(items[0], '**Locked out:** 6 users (frank, dana@example.org, erin, bob, carol, grace) refused after their deletion.');
    assert.equal(items[1], '**Refused requests:** 19, from 2025-05-13 13:02:52 to 2025-05-15 07:30:41 — deleted-by-culler: 15, not-allowed: 2, deleted-by-admin: 1, xsrf: 1.');
    assert.equal(items[2], '**Still deleted at the end of the logs:** 7 users (frank, dana@example.org, erin, bob, admin-alice, carol, grace): refused at their next login.');
    assert.deepEqual(items.map((i) => /^\*\*(?:error|warning)\*\* [^(]+ \(`([a-z-]+)`\)/.exec(i)?.[1]).filter(Boolean), ['pattern-recurred', 'home-volumes-deleted']);
  });

  test('the incident table has one row per incident with user, deletion, actor, denials and restore', () => {
    const t = table(section(sections(md), 'Evidence'), 9, 'Incidents');
    assert.deepEqual(t.header.map(cellText), ['#', 'user', 'deleted at', 'by', 'inactive for', 'denials', 'first denied', 'last denied', 'restored']);
    assert.equal(t.rows.length, expected.incidents.length);
    t.rows.forEach((row, k) => {
      const i = expected.incidents[k];
      assert.deepEqual(row.map(cellText), [
        String(k + 1), i.user, shown(i.deletedAt), `${i.deletedBy}${i.actor ? ` (${i.actor})` : ''}`, INACTIVE[k] ?? '—',
        String(i.denials), shown(i.firstDeniedAt), shown(i.lastDeniedAt), i.restoredAt ? `${shown(i.restoredAt)} (${i.restoredBy})` : 'not yet',
      ]);
    });
  });

  test('the refused-request table lists every denial with its cause, whose line and where its user comes from, and source:line', () => {
    const t = table(section(sections(md), 'Evidence'), 8, 'Refused requests');
    assert.deepEqual(t.rows.map((row) => row.map(cellText)), expected.denials.map((d) => [
      shown(d.at), d.user ?? '—', `${d.status} ${d.method} ${d.path}`, d.cause, 'hub', d.user === null ? '—' : 'message', d.incident === null ? '—' : String(d.incident + 1), `${SAMPLE}:${d.line}`,
    ]));
  });

  test('every evidence line is source:line and the line really says that', () => {
    const code = section(sections(md), 'Evidence').tokens.find((t): t is Tokens.Code => t.type === 'code');
    assert.ok(code);
    assert.equal(code.lang, 'text');
    const lines = code.text.split('\n');
    assert.ok(lines.length >= expected.incidents.length * 2, `${lines.length} evidence lines`);
    for (const l of lines) {
      const m = /^(.+?):(\d+): (.*)$/.exec(l);
      assert.ok(m, l);
      assert.equal(m[1], SAMPLE);
      assert.equal(m[3], sampleLines[Number(m[2]) - 1], `${SAMPLE}:${m[2]}`);
    }
    assert.equal(new Set(lines).size, lines.length, 'each line cited once');
    // The deletions of the first incident are there.
    for (const e of expected.incidents[0].evidence) assert.ok(lines.includes(`${SAMPLE}:${e.line}: ${e.text}`), e.text);
  });

  test('timeline, culler settings and action items', () => {
    const s = sections(md);
    const timeline = section(s, 'Timeline').tokens.find((t): t is Tokens.List => t.type === 'list');
    assert.ok(timeline);
    const items = timeline.items.map((i) => i.text);
    assert.deepEqual(items.filter((i) => /hub start/.test(i)), expected.hubStarts.map((h) => `${shown(h.at)} — hub start (JupyterHub ${h.version}) — \`${SAMPLE}:${h.line}\``));
    assert.equal(items.filter((i) => / deleted by /.test(i)).length, expected.incidents.length);
    // Same-time entries keep their cause first (a hub start, then the access it gives back).
    const times = items.map((i) => i.split(' — ')[0]);
    assert.deepEqual(times, [...times].sort(), 'in time order');
    assert.ok(items.includes(`${shown(expected.incidents[0].deletedAt)} — **frank** deleted by culler (incident 1)`));
    const restart = items.findIndex((i) => i.startsWith(`${shown(expected.hubStarts[1].at)} — hub start`));
    assert.ok(items.slice(restart + 1).some((i) => i === `${shown(expected.hubStarts[1].at)} — frank can log in again (hub restart)`), 'frank is back with the restart');
    const settings = table(section(s, 'Root cause'), 2);
    assert.deepEqual(settings.rows.map((r) => r.map(cellText)), [
      ['culler seen', 'yes'], ['culls users (--cull-users)', 'YES'], ['timeout', '1 h 0 min (3600 s)'], ['every', '10 min 0 s (600 s)'],
    ]);
    const remediation = section(s, 'Action items').tokens.find((t): t is Tokens.List => t.type === 'list');
    assert.ok(remediation?.ordered);
    assert.match(remediation.items[0].text, /`cull\.users: false`/);
    assert.ok(remediation.items.some((i) => /PVC/.test(i.text)), 'names the deleted home volumes');
  });
});

describe('markdown ticket with hostile names in the log', () => {
  // A name can carry anything the hub accepts: table pipes, code ticks, HTML, emphasis, a newline
  // (`\n` in the repr of the `not allowed` line, %0A in the DELETE URL), and so can a file name.
  const EVIL = 'ev|il`code`<script>alert(1)</script>\n*bold* _u_ ~~gone~~ #1 &amp;';
  const ADMIN = '<b>root|*</b>';
  const FILE = 'hub|a_b`.log';
  let dir = '';
  let md = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hubsleuth-md-'));
    const log = new HubLog();
    log.start('08:00:00.000');
    log.access('10:50:15.766', 204, 'DELETE', `/hub/api/users/${encodeURIComponent(EVIL)}`, ADMIN, '10.0.3.21', 40.12);
    log.notAllowed('11:30:00.400', EVIL.replace(/\n/g, '\\n'));
    log.hub('11:30:00.400', 'W', 'base:943', 'Failed login for unknown user');
    log.oauth403('11:30:00.401');
    writeFileSync(join(dir, FILE), log.text());
    const r = await runCli(['analyze', '--format', 'markdown', FILE], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    md = r.stdout;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the JSON report keeps the name exactly', async () => {
    const r = await runCli(['analyze', '--format', 'json', FILE], { cwd: dir });
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.incidents.map((i) => [i.user, i.actor, i.deletedBy, i.denials]), [[EVIL, ADMIN, 'admin', 1]]);
    assert.deepEqual(report.denials.map((d) => [d.user, d.cause]), [[EVIL, 'deleted-by-admin']]);
  });

  test('tables keep their columns and the name stays text', () => {
    const s = sections(md);
    const incidents = table(section(s, 'Evidence'), 9, 'Incidents');
    assert.equal(incidents.rows.length, 1);
    assert.equal(cellText(incidents.rows[0][1]), EVIL.replace(/\n/g, ' '));
    assert.equal(cellText(incidents.rows[0][3]), `admin (${ADMIN})`);
    const denials = table(section(s, 'Evidence'), 8, 'Refused requests');
    assert.equal(denials.rows.length, 1);
    assert.equal(cellText(denials.rows[0][1]), EVIL.replace(/\n/g, ' '));
    assert.match(cellText(denials.rows[0][7]), /^hub\|a_b`\.log:\d+$/);
    const inputs = table(section(s, 'Evidence'), 8, 'Inputs');
    assert.equal(cellText(inputs.rows[0][0]), FILE);
    // Same sections as any report of one user: the newline did not start a new block.
    const titles = s.list.map((x) => x.title);
    assert.deepEqual([...titles.slice(0, 5), titles[6]], ['Summary', 'Action items', 'Impact', 'Timeline', 'Root cause', 'Evidence']);
    assert.match(titles[5], /^Story of ev\\\|il/);
  });

  test('rendered to HTML, no markup from the log survives', () => {
    const html = marked.parse(md, { async: false });
    assert.doesNotMatch(html, /<script>|<b>|<del>|<em>(?:bold|u)<\/em>|<strong>bold<\/strong>|<code>code<\/code>|<h1>1/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  test('evidence stays inside its fence', () => {
    const code = section(sections(md), 'Evidence').tokens.filter((t) => t.type === 'code');
    assert.equal(code.length, 1);
  });
});
