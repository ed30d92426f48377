// A user name is whatever someone typed at a login form: terminal escapes (an OSC 8 link, a clear
// screen), BEL, CR, NUL, backspace, a line feed that forges a `Verdict:` line or an extra alert, bidi
// overrides and zero-width characters. Every surface shows them as what they are, and none acts
// (issue 15, item 4). Machine formats keep the name itself: JSON parses back to it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/cli.js';
import { HubLog } from '../correlate/hublog.js';

const NAME = 'eve\n2025-05-14 11:30:00 UTC  ERROR    forged alert\nVerdict: none (confidence high)'
  + '\x1b]8;;http://evil.example/\x07link\x1b]8;;\x07\x1b[2J\x07\r\x00\x08\u202egnp.exe\u200b\u2066x\u2069\ufeff\x9b';

// Python's repr of the name, as OAuthenticator's `User %r not allowed.` writes it.
// eslint-disable-next-line no-control-regex -- repr escapes exactly these
const repr = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
  .replace(/[\u200b-\u206f\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

// eslint-disable-next-line no-control-regex -- the test is that none of these gets through
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-injection-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, 'hub.log');
{
  const l = new HubLog();
  l.start('08:00:00.000');
  l.adminDelete('10:50:15.766', encodeURIComponent(NAME));
  l.notAllowed('11:30:00.400', repr(NAME));
  l.hub('11:30:00.400', 'W', 'base:943', 'Failed login for unknown user');
  l.oauth403('11:30:00.401');
  writeFileSync(log, l.text());
}

/** Nothing raw; the line structure is the tool's own. */
function assertInert(where: string, out: string, newlines = true): void {
  const m = RAW_CONTROL.exec(out.replace(/\n/g, '').replace(/\t/g, ''));
  assert.equal(m, null, `${where}: raw control U+${m?.[0].charCodeAt(0).toString(16)}`);
  assert.doesNotMatch(out, INVISIBLE, `${where}: raw invisible character`);
  if (newlines) assert.ok(!out.includes('\nVerdict: none (confidence high)') && !out.includes('\n2025-05-14 11:30:00 UTC  ERROR    forged'), `${where}: a forged line`);
}

test('analyze text: the name is shown escaped and forges no line, wrapped at 80 columns or not', async () => {
  for (const args of [[], ['--wide']]) {
    const r = await runCli(['analyze', log, ...args]);
    assert.equal(r.code, 1, r.stderr);
    assertInert('text', r.stdout);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('Verdict:')).length, 1);
    assert.match(r.stdout, /\\x1b\]8;;http/);
  }
  const wide = await runCli(['analyze', log, '--wide']);
  assert.match(wide.stdout, /<U\+202E>gnp\.exe<U\+200B><U\+2066>x<U\+2069><U\+FEFF>\\x9b/);
});

test('analyze text: a name with spaces, wrapped, starts no line of the report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-wrap-'));
  try {
    const name = 'mallory Verdict: none (confidence high) — all is well [error] ok: nothing';
    const hub = new HubLog();
    hub.start('08:00:00.000');
    hub.adminDelete('10:50:15.766', encodeURIComponent(name));
    hub.notAllowed('11:30:00.400', name);
    hub.hub('11:30:00.400', 'W', 'base:943', 'Failed login for unknown user');
    hub.oauth403('11:30:00.401');
    writeFileSync(join(dir, 'hub.log'), hub.text());
    for (const columns of ['40', '60', '80', '100']) {
      const r = await runCli(['analyze', join(dir, 'hub.log')], { env: { COLUMNS: columns } });
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stdout.includes('mallory'), 'the name is in the report');
      const lines = r.stdout.split('\n');
      assert.deepEqual(lines.filter((l) => /^(?:Verdict:|\[error\])/.test(l)).map((l) => l.slice(0, 20)), ['Verdict: admin-delet'], `COLUMNS=${columns}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyze markdown and html: escaped, bidi and zero-width shown', async () => {
  for (const format of ['markdown', 'html']) {
    const r = await runCli(['analyze', '--format', format, log]);
    assert.equal(r.code, 1, r.stderr);
    // (a line feed in HTML text is white space, not a line: it stays where evidence is multi-line)
    assertInert(format, r.stdout, format !== 'html');
    assert.match(r.stdout, format === 'html' ? /&lt;U\+202E&gt;gnp/ : /(&lt;|<)U\+202E(&gt;|>)gnp/);
  }
});

test('JSON, events and watch NDJSON keep the name, with nothing raw in the bytes', async () => {
  const outs: Array<[string, string]> = [];
  const j = await runCli(['analyze', '--format', 'json', log]);
  outs.push(['json', j.stdout]);
  assert.equal((JSON.parse(j.stdout) as { incidents: Array<{ user: string }> }).incidents[0].user, NAME);
  const ev = await runCli(['events', log]);
  outs.push(['events', ev.stdout]);
  const w = await runCli(['watch', '--format', 'ndjson', log]);
  outs.push(['watch ndjson', w.stdout]);
  assert.ok(w.stdout.split('\n').filter(Boolean).some((l) => (JSON.parse(l) as { user?: string }).user === NAME));
  for (const [where, out] of outs) assertInert(where, out, false);
});

test('watch text: one line per alert, the summary one line, nothing raw', async () => {
  const nd = await runCli(['watch', '--format', 'ndjson', log]);
  const alerts = nd.stdout.split('\n').filter(Boolean).length;
  const r = await runCli(['watch', log]);
  assert.equal(r.code, 0, r.stderr);
  assertInert('watch text', r.stdout);
  assertInert('watch stderr', r.stderr);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, alerts);
  for (const l of lines) assert.match(l, /^2025-05-14 \d\d:\d\d:\d\d UTC {2}(INFO|WARNING|ERROR|CRITICAL) /);
  for (const l of r.stderr.split('\n').filter(Boolean)) assert.match(l, /^hubsleuth/);
  assert.match(r.stderr, /<U\+202E>gnp/);
});

test('check-db and check-hub: names from the database or the hub are shown escaped', async () => {
  const db = join(dir, 'jupyterhub.sqlite');
  const d = new Database(db);
  d.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, admin BOOLEAN, created DATETIME, last_activity DATETIME)');
  d.prepare('INSERT INTO users (name, admin, created, last_activity) VALUES (?, 0, NULL, NULL)').run(NAME);
  d.close();
  const server = createServer((_req, res) => res.end(JSON.stringify({ items: [{ name: NAME, admin: false }], _pagination: { next: null } })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hub/api`;
  try {
    for (const format of ['text', 'json']) {
      for (const args of [['check-db', db, '--allowed', 'alice'], ['check-hub', '--url', url, '--allowed', 'alice']]) {
        const r = await runCli([...args, '--format', format], { env: { JUPYTERHUB_API_TOKEN: 'tok' } });
        assert.equal(r.code, 1, `${args[0]} ${format}: ${r.stderr}`);
        assertInert(`${args[0]} ${format}`, r.stdout, format !== 'json');
        if (format === 'json') assert.equal((JSON.parse(r.stdout) as { users: Array<{ name: string }> }).users[0].name, NAME);
        else assert.match(r.stdout, /(<|&lt;)U\+202E(>|&gt;)gnp/);
      }
    }
  } finally {
    server.close();
  }
});
