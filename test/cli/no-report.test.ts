// No report from nothing: when the run read no JupyterHub record (nothing at all, a log of another
// program, a window that misses the log), analyze writes one line saying what it read and why there
// is no report, exits 2, and writes no report (a report of nothing would read as "all clear").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-noreport-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const NGINX = '10.0.0.1 - - [10/Jul/2025:13:48:03 +0000] "GET /hub/login HTTP/1.1" 200 612 "-" "curl/8.0"\n10.0.0.1 - - [10/Jul/2025:13:48:04 +0000] "GET /hub/oauth_callback?code=x HTTP/1.1" 403 120 "-" "curl/8.0"\n';

/** Runs analyze with -o: no report may be written, in the file or on stdout. */
async function noReport(args: string[], input?: string): Promise<{ code: number | null; stderr: string }> {
  const out = join(tmp, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(['analyze', '--format', 'json', '-o', out, ...args], { input });
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.equal(existsSync(out), false, 'no -o file');
  return r;
}

test('empty standard input: one line, exit 2, no report', async () => {
  const r = await noReport([], '');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'hubsleuth: nothing to report: standard input held no lines\n');
});

test('an empty file: the same, naming it', async () => {
  const empty = join(tmp, 'empty.log');
  writeFileSync(empty, '');
  const r = await noReport([empty]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: nothing to report: ${empty} held no lines\n`);
});

test('a missing file alone: its error line only, exit 2, no report', async () => {
  const missing = join(tmp, 'nope.log');
  const r = await noReport([missing]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: ${missing}: no such file or directory\n`);
});

test('an empty folder: its error line only, exit 2, no report', async () => {
  const dir = join(tmp, 'nothing-here');
  mkdirSync(dir);
  const r = await noReport([dir]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: ${dir}: directory holds no log files\n`);
});

test('an unreadable file: its error line only, exit 2, no report', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
  const locked = join(tmp, 'locked.log');
  writeFileSync(locked, readFileSync(sample('incident-two-days.log')));
  chmodSync(locked, 0o000);
  const r = await noReport([locked]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: ${locked}: permission denied\n`);
});

test('a file that fails before its first line (gzip that is not): its error line only, exit 2, no report', async () => {
  const bad = join(tmp, 'hub.log.gz');
  writeFileSync(bad, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(64, 0x41)]));
  const r = await noReport([bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^hubsleuth: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: corrupt gzip data [^\\n]*\\n$`));
});

test('nginx lines: what was read and that none is a hub record, exit 2, no report', async () => {
  const file = join(tmp, 'ingress.log');
  writeFileSync(file, NGINX);
  const [named, piped] = await Promise.all([noReport([file]), noReport([], NGINX)]);
  const why = "and none was recognised as a JupyterHub, idle-culler or proxy record: is this the hub's log? (kubectl logs deploy/hub -n NAMESPACE; hubsleuth help formats lists what is read)";
  assert.equal(named.code, 2);
  assert.equal(named.stderr, `hubsleuth: nothing to report: read 2 lines from ${file}, ${why}\n`);
  assert.equal(piped.code, 2);
  assert.equal(piped.stderr, `hubsleuth: nothing to report: read 2 lines from standard input, ${why}\n`);
});

test('a --since/--until window that leaves nothing: the log\'s span and the window, exit 2, no report', async () => {
  const [after, before] = await Promise.all([
    noReport(['--since', '2025-06-01T00:00Z', sample('incident-two-days.log')]),
    noReport(['--until', '2025-05-01', sample('incident-two-days.log')]),
  ]);
  const read = `read 2203 lines from ${sample('incident-two-days.log')}, with records from 2025-05-13 07:58:13 UTC to 2025-05-15 07:51:55 UTC, none of them within`;
  assert.equal(after.code, 2);
  assert.equal(after.stderr, `hubsleuth: nothing to report: ${read} --since 2025-06-01 00:00:00 UTC\n`);
  assert.equal(before.code, 2);
  assert.equal(before.stderr, `hubsleuth: nothing to report: ${read} --until 2025-05-01 00:00:00 UTC\n`);
});

test('a window that falls in a gap inside the log leaves nothing too', async () => {
  const file = join(tmp, 'gap.log');
  writeFileSync(file, "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.\n[W 2025-05-20 09:00:00.000 JupyterHub auth:534] User 'bob' not allowed.\n");
  const r = await noReport(['--since', '2025-05-15', '--until', '2025-05-16', file]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: nothing to report: read 2 lines from ${file}, with records from 2025-05-14 13:40:02 UTC to 2025-05-20 09:00:00 UTC, none of them within --since 2025-05-15 00:00:00 UTC and --until 2025-05-16 00:00:00 UTC\n`);
});

test('an inverted window is a usage error, for analyze and events', async () => {
  const args = ['--since', '2025-05-14T12:00Z', '--until', '2025-05-13T12:00Z', sample('incident-two-days.log')];
  const [an, ev] = await Promise.all([noReport(args), runCli(['events', ...args])]);
  const line = 'hubsleuth: --since 2025-05-14T12:00:00.000Z is after --until 2025-05-13T12:00:00.000Z: swap them (--since is the start of the window)\n';
  assert.equal(an.code, 2);
  assert.equal(an.stderr, line);
  assert.equal(ev.code, 2);
  assert.equal(ev.stdout, '');
  assert.equal(ev.stderr, line);
});

test('a missing input among several: the others are reported, the report names the missing one, exit 2', async () => {
  const missing = join(tmp, 'rotated.log.1');
  const [json, text, md, html] = await Promise.all(['json', 'text', 'markdown', 'html'].map((f) => runCli(['analyze', '--wide', '--format', f, sample('healthy-servers-only.log'), missing])));
  for (const r of [json, text, md, html]) {
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `hubsleuth: ${missing}: no such file or directory\n`);
  }
  const report = JSON.parse(json.stdout) as Report;
  assert.deepEqual(report.inputs.map((i) => [i.source, i.lines > 0, i.error ?? null]), [
    [sample('healthy-servers-only.log'), true, null],
    [missing, false, 'no such file or directory'],
  ]);
  assert.ok(text.stdout.includes(`\nNot read: ${missing} (no such file or directory)\n`), text.stdout);
  assert.ok(md.stdout.includes(`\n- **Not read:** ${missing.replace(/[_\\]/g, '\\$&')} (no such file or directory)\n`), md.stdout);
  assert.ok(html.stdout.includes(`<tr class="unread"><td colspan="8">Not read: <span class="mono">${missing}</span> (no such file or directory)</td></tr>`), html.stdout);
});

test('values.yaml next to a log: the log is reported, the report says what the other file is', async () => {
  const values = join(tmp, 'values.yaml');
  writeFileSync(values, 'hub:\n  config:\n    JupyterHub:\n      admin_access: true\ncull:\n  users: true\n');
  const r = await runCli(['analyze', '--format', 'json', sample('healthy-servers-only.log'), values]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: ${values} looks like chart values, not a log: try hubsleuth check-config ${values}\n`);
  const report = JSON.parse(r.stdout) as Report;
  assert.equal(report.inputs.find((i) => i.source === values)?.error, `looks like chart values, not a log: try hubsleuth check-config ${values}`);
});

test('gzip of nothing is empty input too', async () => {
  const gz = join(tmp, 'empty.log.gz');
  writeFileSync(gz, gzipSync(Buffer.alloc(0)));
  const r = await noReport([gz]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `hubsleuth: nothing to report: ${gz} held no lines\n`);
});
