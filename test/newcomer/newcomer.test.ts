// A newcomer's first mistakes get an answer that names the right command, and
// the help they reach for first is there (part 2). Child processes, as a user runs the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';
import { sniffBytes } from '../../src/ingest/sniff.js';
import { skipUnless } from '../helpers/skip.js';

const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-newcomer-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const values = join(dir, 'values.yaml');
copyFileSync(resolve(ROOT, 'test/checks/fixtures/current-risky.yaml'), values);

function sqliteFile(): string {
  const file = join(dir, 'jupyterhub.sqlite');
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => { exec(s: string): void; close(): void };
    const db = new Database(file);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, admin BOOLEAN, created DATETIME, last_activity DATETIME)');
    db.close();
  } catch {
    // The optional driver is absent: the sniff only reads the 16-byte header, so a header is enough.
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]));
  }
  return file;
}

test('no input on a terminal: a short usage with the kubectl pipe, exit 2', (t) => {
  // `script` gives the child a real TTY on stdin, the situation of someone typing `hubsleuth`.
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  const why = skipUnless(!probe.error && probe.status === 0, 'util-linux script (to provide a terminal)');
  if (why) {
    t.skip(why);
    return;
  }
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`, '/dev/null'], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'], input: '', timeout: 30_000,
  });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  const out = r.stdout + r.stderr;
  assert.match(out, /no input/);
  assert.match(out, /kubectl logs deploy\/hub -n jhub --since=48h \| hubsleuth/);
  assert.ok(out.split('\n').length < 12, `not short:\n${out}`);
});

test('empty standard input that is not a terminal is read (no usage text), and said to be empty', async () => {
  const r = await runCli(['analyze'], { input: '' });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'hubsleuth: nothing to report: standard input held no lines\n');
});

test('values.yaml passed to analyze points at check-config, exit 2, no empty report', async () => {
  const r = await runCli(['analyze', values]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^hubsleuth: .*values\.yaml looks like chart values, not a log: try hubsleuth check-config .*values\.yaml$/m);
});

test('values.yaml passed to the default command and to events is recognised too', async () => {
  const a = await runCli([values]);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /try hubsleuth check-config/);
  const e = await runCli(['events', values]);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /looks like chart values, not a log: try hubsleuth check-config/);
});

test('a SQLite database passed to analyze points at check-db, exit 2', async () => {
  const db = sqliteFile();
  const r = await runCli(['analyze', db]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /jupyterhub\.sqlite is a SQLite database, not a log: .*try hubsleuth check-db .*jupyterhub\.sqlite/);
});

test('a JSON file that is not a log export is named as such, exit 2', async () => {
  const pkg = join(dir, 'package.json');
  writeFileSync(pkg, JSON.stringify({ name: 'x', version: '1.0.0', dependencies: {} }, null, 2));
  const r = await runCli(['analyze', pkg]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /package\.json is JSON but not a log export hubsleuth knows .*hubsleuth help formats/);
});

test('a hubsleuth report fed back in is recognised, with the jq hint', async () => {
  const report = join(dir, 'report.json');
  const first = await runCli(['analyze', sample('incident-two-days.log'), '--format', 'json', '-o', report]);
  assert.equal(first.code, 1, first.stderr);
  const r = await runCli(['analyze', report]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is a hubsleuth report \(hubsleuth\.report\/v1\), not a log: read it with jq/);
});

test('one misplaced input among logs: the report of the logs, the hint, exit 2', async () => {
  const r = await runCli(['analyze', sample('incident-two-days.log'), values]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /culler-deleted-users/);
  assert.match(r.stderr, /values\.yaml looks like chart values/);
});

test('text that is simply not a hub log: no report, the line says what was read, exit 2 (no false hint)', async () => {
  const txt = join(dir, 'notes.txt');
  writeFileSync(txt, 'restarted the hub at 10:31\nbob says he cannot log in\n');
  const r = await runCli(['analyze', txt]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `hubsleuth: nothing to report: read 2 lines from ${txt}, and none was recognised as a JupyterHub, idle-culler or proxy record: is this the hub's log? (kubectl logs deploy/hub -n NAMESPACE; hubsleuth help formats lists what is read)\n`);
});

test('sniffBytes: config files, Kubernetes objects, HTML, binaries; logs are left alone', () => {
  const s = (text: string | Buffer) => sniffBytes(Buffer.isBuffer(text) ? text : Buffer.from(text), 'f');
  assert.match(s('c.JupyterHub.authenticator_class = "github"\nc.Authenticator.allowed_users = {"a"}\n') ?? '', /jupyterhub_config\.py/);
  assert.match(s('{"apiVersion": "v1", "kind": "Pod", "metadata": {}}') ?? '', /Kubernetes object/);
  assert.match(s('{"hub": {"config": {}}, "cull": {"users": true}}') ?? '', /chart values in JSON.*check-config/);
  assert.match(s('<!DOCTYPE html><html>') ?? '', /HTML page/);
  assert.match(s(Buffer.from([1, 2, 0, 3])) ?? '', /binary file/);
  assert.match(s('apiVersion: v2\nname: foo\nversion: 1.0.0\n') ?? '', /looks like YAML/);
  assert.equal(s(readFileSync(sample('incident-two-days.log')).subarray(0, 65536)), null);
  assert.equal(s('hello world\n'), null);
});

test('a text log that begins with [ or with spaces is read, not refused as JSON; JSON still is told by its structure', async () => {
  const refused = "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.";
  const pasted = join(dir, 'indented.log');
  // An indented Markdown code block: every line starts with spaces, then `[`.
  writeFileSync(pasted, ['    [I 2025-05-14 13:40:01.002 JupyterHub log:192] 302 GET /hub/ -> /hub/login (@10.0.2.15) 1.10ms', `    ${refused}`].join('\n') + '\n');
  const r = await runCli(['analyze', '--format', 'json', '--exit-zero', pasted]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { totals: { lines: number; parsed: number; unparsed: number } };
  assert.deepEqual([report.totals.lines, report.totals.parsed, report.totals.unparsed, r.stderr], [2, 2, 0, '']);
  const s = (text: string) => sniffBytes(Buffer.from(text), 'f');
  assert.equal(s(`${refused}\n`), null);
  assert.equal(s(`[pod/hub-7c9d5b8f4-x2k9q/hub] ${refused}\n`), null);
  assert.equal(s(`\t${refused}\n`), null);
  assert.match(s('[\n  {"name": "x"}\n]\n') ?? '', /is JSON but not a log export/);
  assert.match(s('  {"name": "x"}\n') ?? '', /is JSON but not a log export/);
});

test('help topics: formats, exit-codes, incident; help <command> still works; unknown topic exit 2', async () => {
  const [formats, codes, incident, helpAnalyze, analyzeHelp, unknown] = await Promise.all([
    runCli(['help', 'formats']), runCli(['help', 'exit-codes']), runCli(['help', 'incident']),
    runCli(['help', 'analyze']), runCli(['analyze', '--help']), runCli(['help', 'nonsense']),
  ]);
  assert.equal(formats.code, 0);
  for (const env of ['kubectl-timestamps', 'cri', 'docker-json', 'cloud-logging', 'loki', 'fluent-bit']) assert.match(formats.stdout, new RegExp(env));
  assert.match(formats.stdout, /JupyterHub/);
  assert.equal(codes.code, 0);
  assert.match(codes.stdout, /1 {2}at least one incident/);
  assert.equal(incident.code, 0);
  assert.match(incident.stdout, /users: false/);
  assert.match(incident.stdout, /not allowed/);
  assert.equal(helpAnalyze.code, 0);
  assert.equal(helpAnalyze.stdout, analyzeHelp.stdout);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /topics are formats, exit-codes, incident/);
});

test('every command has examples, exit codes and grouped options in its --help', async () => {
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /kubectl logs deploy\/hub -n jhub --since=48h \| hubsleuth/);
  assert.match(top.stdout, /Help topics/);
  const commands = [...top.stdout.matchAll(/^ {2}([a-z][a-z-]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
  for (const c of ['analyze', 'events', 'check-config', 'check-db', 'check-hub']) assert.ok(commands.includes(c), `${c} missing from --help`);
  // watch is developed alongside: checked once it is registered.
  for (const c of ['analyze', 'events', 'check-config', 'check-db', 'check-hub', 'watch'].filter((x) => commands.includes(x))) {
    const r = await runCli([c, '--help']);
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, /Examples?:/, `${c}: no examples`);
    assert.match(r.stdout, /Exit codes:/, `${c}: no exit codes`);
    assert.match(r.stdout, /\n(Input and selection|Output):\n/, `${c}: options not grouped`);
  }
  const a = await runCli(['analyze', '--help']);
  assert.ok(a.stdout.indexOf('Input and selection:') < a.stdout.indexOf('Output:'), 'input options come first');
  assert.match(a.stdout, /Redaction/);
});
