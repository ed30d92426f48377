// A read that waits can always be interrupted, a folder scan never waits on what is not a file, and
// an input that shrinks while it is read is an error naming it, not a report on part of it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';

const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'hubsleuth-intr-'));
  made.push(d);
  return d;
};
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fifoIn(dir: string): string {
  const p = join(dir, 'pipe');
  execFileSync('mkfifo', [p]);
  return p;
}

function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  // A CLI that ignores the signal is killed after 10 s: the test then fails on its exit code.
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const closed = new Promise<{ code: number | null; out: string; err: string }>((r) => child.on('close', (code) => {
    clearTimeout(timer);
    r({ code, out, err });
  }));
  return { child, closed };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the process has the pipe open, i.e. the CLI has loaded and reached its read: a
 * signal sent before then ends a still-loading process by default, which on a busy machine can
 * take more than a second.
 */
async function holding(pid: number, path: string): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const fds = readdirSync(`/proc/${pid}/fd`);
    if (fds.some((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`) === path; } catch { return false; } })) return;
    await settle(50);
  }
  throw new Error(`process ${pid} never opened ${path}`);
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`analyze waiting on a named pipe with no writer: ${sig} ends it, exit ${code}`, async () => {
    const fifo = fifoIn(tmp());
    const { child, closed } = start(['analyze', fifo]);
    await holding(child.pid!, fifo);
    await settle(200);
    const t0 = Date.now();
    child.kill(sig);
    const r = await closed;
    assert.equal(r.code, code, r.err);
    assert.ok(Date.now() - t0 < 3000, 'ends promptly');
    assert.equal(r.err, '');
  });
}

test('watch waiting on a named pipe with no writer: SIGTERM ends it with the summary, exit 0', async () => {
  const fifo = fifoIn(tmp());
  const { child, closed } = start(['watch', fifo]);
  await holding(child.pid!, fifo);
  await settle(200);
  child.kill('SIGTERM');
  const r = await closed;
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^hubsleuth watch: stopped by SIGTERM after /);
  assert.equal(r.out, '');
});

test('watch --follow on a named pipe with no writer: read as it comes, SIGINT ends it with the summary', async () => {
  const fifo = fifoIn(tmp());
  const { child, closed } = start(['watch', '-F', fifo]);
  await holding(child.pid!, fifo);
  await settle(200);
  child.kill('SIGINT');
  const r = await closed;
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`^hubsleuth: note: ${fifo}: not a regular file; read as it comes, not followed by name\\nhubsleuth watch: stopped by SIGINT after `));
  assert.equal(r.out, '');
});

test('a named pipe is read once its writer comes, like any input', async () => {
  const fifo = fifoIn(tmp());
  const { closed } = start(['analyze', '--format', 'json', fifo]);
  await settle(500);
  writeFileSync(fifo, readFileSync(sample('incident-two-days.log')));
  const r = await closed;
  assert.equal(r.code, 1, r.err);
  assert.ok((JSON.parse(r.out) as { incidents: unknown[] }).incidents.length > 0);
});

test('a folder scan skips FIFOs, sockets and devices (also through a symlink) with a note', async () => {
  const dir = tmp();
  copyFileSync(sample('incident-two-days.log'), join(dir, 'hub.log'));
  fifoIn(dir);
  symlinkSync('/dev/zero', join(dir, 'zero'));
  const server = createServer();
  await new Promise<void>((r) => server.listen(join(dir, 'sock'), r));
  try {
    const r = await runCli(['analyze', '--format', 'json', dir], { timeoutMs: 20_000 });
    assert.equal(r.stderr, `hubsleuth: note: ${dir}: skipped 3 device(s), FIFO(s) or socket(s) (pipe, sock, zero); name one to read it\n`);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { inputs: Array<{ source: string }> };
    assert.deepEqual(report.inputs.map((i) => i.source), [join(dir, 'hub.log')]);
  } finally {
    server.close();
  }
});

test('a log truncated while it is read: an error naming it, exit 2', async () => {
  const dir = tmp();
  const log = join(dir, 'hub.log');
  // Many MB of records: `events` prints each, so a reader that stops reading its output holds the
  // CLI partway through the file.
  const one = readFileSync(sample('incident-two-days.log'));
  writeFileSync(log, Buffer.concat(Array<Buffer>(Math.ceil((24 << 20) / one.length)).fill(one)));
  const size = statSync(log).size;
  const child = spawn(process.execPath, [CLI, 'events', log], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  await new Promise<void>((r) => child.stdout.once('data', () => r()));
  child.stdout.pause();
  await settle(500);
  truncateSync(log, 1000);
  child.stdout.resume();
  child.stdout.on('data', () => {});
  const code = await closed;
  assert.match(err, new RegExp(`^hubsleuth: ${log}: shrank while it was read \\(from ${size} to 1000 bytes\\): only its first \\d+ bytes were read\\n$`));
  assert.equal(code, 2);
});
