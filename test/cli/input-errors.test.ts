// Bad or unusual input: one clear line and exit 2 for what cannot be read, the rest still processed;
// standard input with `-` or with no argument; gzip recognised by its bytes, not its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { skipUnless } from '../helpers/skip.js';

const FIXTURE = relative(ROOT, join(ROOT, 'test/parsers/fixtures/interleaved.log'));
const FIXTURE_LINES = 20;

const tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-input-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

interface Rec { source: string; line: number; lines: number; kind: string; time: string | null; text: string }
const records = (stdout: string): Rec[] => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Rec);
const total = (recs: Rec[]) => recs.reduce((s, e) => s + e.lines, 0);

test('a missing file: exit 2 and exactly one line on stderr (events and analyze)', async () => {
  const missing = join(tmp, 'nope.log');
  const runs = [['events', missing], [missing]];
  const results = await Promise.all(runs.map((args) => runCli(args)));
  results.forEach((r, i) => {
    assert.equal(r.code, 2, runs[i].join(' '));
    assert.equal(r.stderr, `hubsleuth: ${missing}: no such file or directory\n`, runs[i].join(' '));
  });
  assert.equal(results[0].stdout, '');
});

test('a directory without logs: exit 2 with one line naming it', async () => {
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  const pics = join(tmp, 'pics');
  mkdirSync(pics);
  writeFileSync(join(pics, 'screenshot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const [r, q] = await Promise.all([runCli(['events', empty]), runCli(['analyze', '-q', pics])]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `hubsleuth: ${empty}: directory holds no log files\n`);
  assert.equal(q.code, 2);
  assert.equal(q.stderr, `hubsleuth: ${pics}: directory holds no log files\n`);
});

test('a directory of logs is read recursively, gzip and plain alike', async () => {
  const dir = join(tmp, 'archive');
  mkdirSync(join(dir, 'old'), { recursive: true });
  copyFileSync(join(ROOT, FIXTURE), join(dir, 'hub.log'));
  writeFileSync(join(dir, 'old', 'hub.log.1.gz'), gzipSync(readFileSync(join(ROOT, 'test/parsers/fixtures/mid-line-paste.log'))));
  const r = await runCli(['events', dir]);
  assert.equal(r.code, 0, r.stderr);
  const recs = records(r.stdout);
  assert.deepEqual([...new Set(recs.map((e) => e.source))].sort(), [join(dir, 'hub.log'), join(dir, 'old', 'hub.log.1.gz')]);
  assert.equal(total(recs), FIXTURE_LINES + 6);
});

test('a good file plus a missing one: the good one is still processed, then exit 2', async () => {
  const missing = join(tmp, 'gone.log');
  const [ev, an] = await Promise.all([runCli(['events', FIXTURE, missing]), runCli(['analyze', '--format', 'json', FIXTURE, missing])]);
  assert.equal(ev.code, 2);
  assert.equal(ev.stderr, `hubsleuth: ${missing}: no such file or directory\n`);
  assert.equal(total(records(ev.stdout)), FIXTURE_LINES);
  assert.equal(an.code, 2);
  assert.equal(an.stderr, `hubsleuth: ${missing}: no such file or directory\n`);
  const report = JSON.parse(an.stdout) as { totals: { lines: number }; incidents: Array<{ user: string }> };
  assert.equal(report.totals.lines, FIXTURE_LINES);
  assert.deepEqual(report.incidents.map((i) => i.user), ['alice@example.com']);
});

// A skip CI cannot avoid: CI runs as root, and root reads any file.
test('an unreadable file: exit 2, one line saying permission denied', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
  const locked = join(tmp, 'locked.log');
  writeFileSync(locked, readFileSync(join(ROOT, FIXTURE)));
  chmodSync(locked, 0o000);
  const r = await runCli(['events', locked]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: ${locked}: permission denied\n`);
});

test('standard input: `-` and no argument at all (stdin not a terminal) read the same records', async () => {
  const input = readFileSync(join(ROOT, FIXTURE));
  const [dash, none, file, an] = await Promise.all([
    runCli(['events', '-'], { input }), runCli(['events'], { input }), runCli(['events', FIXTURE]), runCli(['--format', 'json'], { input }),
  ]);
  for (const r of [dash, none]) {
    assert.equal(r.code, 0, r.stderr);
    const recs = records(r.stdout);
    assert.ok(recs.every((e) => e.source === '-'));
    assert.deepEqual(recs.map((e) => [e.line, e.lines, e.kind, e.time]), records(file.stdout).map((e) => [e.line, e.lines, e.kind, e.time]));
  }
  assert.equal(an.code, 1, an.stderr);
  assert.equal((JSON.parse(an.stdout) as { totals: { lines: number } }).totals.lines, FIXTURE_LINES);
});

test('no argument and stdin is a terminal: exit 2 with one line saying how to give input', { skip: skipUnless(spawnSync('python3', ['-c', 'import pty']).status === 0, 'python3 (for a pty)') }, () => {
  // A pseudo-terminal as stdin, as when a user types `hubsleuth events` alone.
  const py = 'import os, pty, sys\nst = pty.spawn(sys.argv[1:])\nsys.exit(os.waitstatus_to_exitcode(st))';
  const r = spawnSync('python3', ['-c', py, process.execPath, CLI, 'events'], { input: '', encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  // The pty merges stdout and stderr: the message comes first, usage hints may follow.
  assert.match(r.stdout, /^hubsleuth: no input: pipe [^\r\n]+\r?\n?/);
  assert.ok(r.stdout.includes('kubectl logs deploy/hub'), 'says how to pipe a log in');
});

test('gzip input is recognised by its magic bytes: named .gz, named without .gz, and on stdin', async () => {
  const gz = gzipSync(readFileSync(join(ROOT, FIXTURE)));
  const named = join(tmp, 'hub.log.gz');
  const disguised = join(tmp, 'hub-log-export');
  writeFileSync(named, gz);
  writeFileSync(disguised, gz);
  const [plain, ...zipped] = await Promise.all([FIXTURE, named, disguised, '-'].map((arg) => runCli(['events', arg], { input: gz })));
  const want = records(plain.stdout).map((e) => [e.line, e.lines, e.kind, e.time, e.text]);
  assert.equal(want.length, 19);
  zipped.forEach((r, i) => {
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(records(r.stdout).map((e) => [e.line, e.lines, e.kind, e.time, e.text]), want, ['named .gz', 'no .gz', 'stdin'][i]);
  });
});

test('corrupt gzip: the records before the damage are printed, then one error line and exit 2', async () => {
  const gz = gzipSync(readFileSync(join(ROOT, FIXTURE)));
  const cut = join(tmp, 'cut.log.gz');
  writeFileSync(cut, gz.subarray(0, gz.length - 30));
  const r = await runCli(['events', cut]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^hubsleuth: ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (gzip data is truncated|corrupt gzip data)[^\\n]*\\n$`));
  assert.ok(records(r.stdout).length > 0);
});

test('binary junk and NUL bytes: unparsed events with every line counted, never a crash', async () => {
  const junk = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < junk.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff; // deterministic noise
    junk[i] = x >> 16;
  }
  const lf = junk.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
  const cr = junk.reduce((n, b, i) => n + (b === 13 && junk[i + 1] !== 10 ? 1 : 0), 0);
  const input = Buffer.concat([junk, Buffer.from('\n[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.\n\x00\x00\x00\n')]);
  const r = await runCli(['events', '-'], { input });
  assert.equal(r.code, 0, r.stderr);
  const recs = records(r.stdout);
  assert.equal(total(recs), lf + cr + 3);
  assert.equal(recs.filter((e) => e.kind === 'login-refused').length, 1);
  assert.deepEqual(recs.at(-1), { ...recs.at(-1), kind: 'unparsed', text: '\u0000\u0000\u0000' });
});

test('pipes given as paths: `<(kubectl logs …)`, gzip through one, a named pipe, and with -j 2', { skip: skipUnless(spawnSync('bash', ['-c', 'true']).status === 0, 'bash') }, async () => {
  const want = records((await runCli(['events', FIXTURE])).stdout);
  const viaBash = (cmd: string) => spawnSync('bash', ['-c', cmd], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const sub = viaBash(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} events <(cat ${FIXTURE})`);
  assert.equal(sub.stderr, '');
  assert.equal(sub.status, 0);
  assert.deepEqual(records(sub.stdout).map((e) => [e.line, e.kind, e.text]), want.map((e) => [e.line, e.kind, e.text]));
  const gz = viaBash(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} events <(gzip -c ${FIXTURE})`);
  assert.equal(total(records(gz.stdout)), FIXTURE_LINES);
  const fifo = join(tmp, 'hub.fifo');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status === 0) {
    const r = viaBash(`cat ${FIXTURE} > ${JSON.stringify(fifo)} & ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} events ${JSON.stringify(fifo)}`);
    assert.equal(r.stderr, '');
    assert.equal(total(records(r.stdout)), FIXTURE_LINES);
    // nothing recognised: analyze ends (a file would be sniffed again; a pipe cannot be)
    const junk = spawnSync('bash', ['-c', `echo 'hub: {}' > ${JSON.stringify(fifo)} & exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} analyze ${JSON.stringify(fifo)}`], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.equal(junk.signal, null, 'analyze of a named pipe with no log in it ended by itself');
    assert.equal(junk.stdout, '');
    assert.equal(junk.stderr, `hubsleuth: nothing to report: read 1 line from ${fifo}, and none was recognised as a JupyterHub, idle-culler or proxy record: is this the hub's log? (kubectl logs deploy/hub -n NAMESPACE; hubsleuth help formats lists what is read)\n`);
    assert.equal(junk.status, 2);
  }
  const two = viaBash(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} analyze -j 2 --format json <(cat ${FIXTURE}) ${FIXTURE}`);
  const report = JSON.parse(two.stdout) as { totals: { lines: number; duplicates: number } };
  assert.equal(report.totals.lines, 2 * FIXTURE_LINES);
  assert.ok(report.totals.duplicates > 0, 'the same lines through the pipe and the file count once');
});
