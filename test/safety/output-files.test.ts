// `-o` and `--redact-map` never cost the user a log or the previous report: an output that is an
// input is refused before anything is read, a report appears only complete, an interrupted run leaves
// the folder as it was, and a file that cannot be written is one line naming it, exit 2.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';

const LOG = readFileSync(sample('incident-two-days.log'));

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folderWithLog(): { dir: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-outfile-'));
  made.push(dir);
  const log = join(dir, 'hub.log');
  copyFileSync(sample('incident-two-days.log'), log);
  return { dir, log };
}

const refused = (option: string, path: string, input: string) =>
  `hubsleuth: ${option} ${path}: is the input ${input}; refusing to overwrite it (write the output to another file)\n`;

test('-o naming an input, directly, through a symlink or as a gzip: refused, exit 2, the log unchanged', async () => {
  const { dir, log } = folderWithLog();
  const link = join(dir, 'report.md');
  symlinkSync(log, link);
  const gz = join(dir, 'old.log.gz');
  const gzBytes = gzipSync(LOG);
  writeFileSync(gz, gzBytes);
  for (const [args, target, input] of [
    [[log, '-o', log], log, log],
    [[log, '--format', 'markdown', '-o', link], link, log],
    [[gz, '-o', gz], gz, gz],
    [[dir, '-q', '-o', gz], gz, gz],
    [[log, '--redact-map', log], log, log],
  ] as const) {
    const option = args.includes('-o') ? '-o' : '--redact-map';
    const r = await runCli(['analyze', ...args]);
    assert.equal(r.stderr, refused(option, target, input), args.join(' '));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(readFileSync(log), LOG);
  assert.deepEqual(readFileSync(gz), gzBytes);
  assert.deepEqual(readdirSync(dir).sort(), ['hub.log', 'old.log.gz', 'report.md']);
});

test('-o naming the file standard input is redirected from: refused, the log unchanged', async () => {
  const { dir, log } = folderWithLog();
  const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
    const sh = spawn('sh', ['-c', `"${process.execPath}" "${CLI}" analyze -o hub.log < hub.log`], { cwd: dir });
    let err = '';
    sh.stderr.on('data', (b: Buffer) => (err += b.toString()));
    sh.on('close', (code) => resolve({ code, err }));
  });
  assert.equal(r.err, refused('-o', 'hub.log', '-'));
  assert.equal(r.code, 2);
  assert.deepEqual(readFileSync(log), LOG);
});

test('events --redact-map naming an input: refused before a record is printed', async () => {
  const { log } = folderWithLog();
  const r = await runCli(['events', log, '--redact-map', log]);
  assert.equal(r.stderr, refused('--redact-map', log, log));
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(readFileSync(log), LOG);
});

test('-o through a symlink to another report: the link stays, the file it names gets the report', async () => {
  const { dir, log } = folderWithLog();
  const real = join(dir, 'real.md');
  writeFileSync(real, 'old report\n');
  symlinkSync(real, join(dir, 'link.md'));
  const r = await runCli(['analyze', '--exit-zero', '--format', 'markdown', log, '-o', join(dir, 'link.md')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(real, 'utf8'), /^# /);
  assert.ok(statSync(join(dir, 'link.md')).isFile());
  assert.deepEqual(readdirSync(dir).sort(), ['hub.log', 'link.md', 'real.md']);
});

test('the pseudonym map is 0600, also when the file existed world-readable', async () => {
  const { dir, log } = folderWithLog();
  const map = join(dir, 'map.json');
  writeFileSync(map, '{}\n', { mode: 0o644 });
  chmodSync(map, 0o644);
  const r = await runCli(['analyze', '--exit-zero', log, '--redact-map', map]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(statSync(map).mode & 0o777, 0o600);
  assert.ok(Object.keys(JSON.parse(readFileSync(map, 'utf8')) as object).length > 0);
  const fresh = join(dir, 'fresh.json');
  assert.equal((await runCli(['events', log, '--redact-map', fresh])).code, 0);
  assert.equal(statSync(fresh).mode & 0o777, 0o600);
});

test('a report that cannot be written: one line naming the path, exit 2 even with --exit-zero', async () => {
  const { dir, log } = folderWithLog();
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  chmodSync(dir, 0o755);
  // As root a permission check always passes: the locked case is run as nobody.
  const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  chmodSync(log, 0o644);
  for (const [target, why, asUser] of [
    [join(locked, 'r.md'), 'permission denied', user],
    [dir, 'is a directory', undefined],
    ['/dev/full', 'no space left on device', undefined],
    [join(dir, 'no-such-dir', 'r.md'), 'no such file or directory', undefined],
    [join(log, 'r.md'), 'a part of the path is not a directory', undefined],
  ] as const) {
    const r = await runCli(['analyze', '--exit-zero', log, '-o', target], { user: asUser });
    assert.equal(r.stderr, `hubsleuth: ${target}: ${why}\n`);
    assert.equal(r.code, 2);
  }
  assert.deepEqual(readdirSync(locked), []);
});

/** The CLI reading standard input that is never closed: it is mid-read until something ends it. */
function midRead(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((r) => child.on('close', (code, signal) => r({ code, signal, err })));
  child.stdin.on('error', () => {});
  return { child, closed };
}

test('an output that cannot be written is refused before the input is read', async () => {
  const { dir } = folderWithLog();
  const target = join(dir, 'no-such-dir', 'r.md');
  const { child, closed } = midRead(['analyze', '-', '-o', target], dir);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const r = await closed;
  clearTimeout(timer);
  assert.equal(r.err, `hubsleuth: ${target}: no such file or directory\n`);
  assert.equal(r.code, 2);
});

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${sig} mid-run: exit ${code}, the previous report intact, no new file in the folder`, async () => {
    const { dir } = folderWithLog();
    writeFileSync(join(dir, 'report.md'), 'previous report\n');
    const before = readdirSync(dir).sort();
    for (const target of ['report.md', 'new.md']) {
      const { child, closed } = midRead(['analyze', '-', '--format', 'markdown', '-o', target, '--redact-map', 'map.json'], dir);
      // More than a pipe holds: the write completes once the CLI is reading, its outputs prepared.
      await new Promise<void>((r) => child.stdin.write(Buffer.concat(Array<Buffer>(40).fill(LOG)), () => r()));
      child.kill(sig);
      const r = await closed;
      assert.equal(r.code, code, r.err);
      assert.equal(r.err, '');
      assert.deepEqual(readdirSync(dir).sort(), before);
      assert.equal(readFileSync(join(dir, 'report.md'), 'utf8'), 'previous report\n');
    }
  });
}

test('Ctrl-C on a terminal pipe (the whole process group): exit 130, no report from part of the log', async () => {
  const { dir } = folderWithLog();
  const line = LOG.toString('utf8').split('\n').slice(0, 40).join('\n');
  writeFileSync(join(dir, 'chunk.log'), line + '\n');
  // The shell only waits for the pipeline (its trap outlives the signal) and records the CLI's status.
  const script = `trap : INT; while :; do cat chunk.log; done | "${process.execPath}" "${CLI}" analyze -o r.md; echo $? > ../status-${process.pid}`;
  const sh = spawn('sh', ['-c', script], { cwd: dir, detached: true, stdio: 'ignore' });
  const closed = new Promise<void>((r) => sh.on('close', () => r()));
  await new Promise((r) => setTimeout(r, 1500));
  process.kill(-sh.pid!, 'SIGINT');
  await closed;
  const status = join(dir, '..', `status-${process.pid}`);
  try {
    assert.equal(readFileSync(status, 'utf8'), '130\n');
  } finally {
    rmSync(status, { force: true });
  }
  assert.deepEqual(readdirSync(dir).sort(), ['chunk.log', 'hub.log']);
});

test('a complete report replaces the previous one and keeps its permissions', async () => {
  const { dir, log } = folderWithLog();
  const target = join(dir, 'report.json');
  writeFileSync(target, 'previous\n');
  chmodSync(target, 0o640);
  const r = await runCli(['analyze', '--format', 'json', log, '-o', target], { cwd: ROOT });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '');
  assert.ok((JSON.parse(readFileSync(target, 'utf8')) as { incidents: unknown[] }).incidents.length > 0);
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir).sort(), ['hub.log', 'report.json']);
});
