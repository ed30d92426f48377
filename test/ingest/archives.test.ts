// Batch over archives: the incident sample cut into overlapping, partly gzipped pieces (as rotated
// dumps and re-exports look) must give the same verdict and incidents as the original file, and a
// run on worker threads must equal a single-threaded one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';
import { skipUnless } from '../helpers/skip.js';

const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split('\n').slice(0, -1);

const facts = (r: Report) => ({
  verdict: [r.verdict.rootCause, r.verdict.confidence],
  incidents: r.incidents.map((i) => [i.user, i.deletedAt, i.deletedBy, i.actor, i.inactiveFor, i.denials, i.firstDeniedAt, i.lastDeniedAt, i.restoredAt]),
  denials: r.denials.map((d) => [d.at, d.user, d.status, d.method, d.path, d.cause, d.incident]),
  findings: r.findings.map((f) => f.kind),
  starts: r.hubStarts.map((s) => s.at),
});

test('split, overlapping, partly gzipped pieces in a folder give the verdict of the original', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-archive-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'rotated'));
  // Four pieces, each overlapping the next by 150 lines; two gzipped, one of them without .gz.
  const cuts = [0, 600, 1100, 1700, lines.length];
  let overlap = 0;
  for (let k = 0; k < 4; k++) {
    const from = Math.max(0, cuts[k] - (k > 0 ? 150 : 0));
    overlap += cuts[k] - from;
    const text = lines.slice(from, cuts[k + 1]).join('\n') + '\n';
    if (k === 1) writeFileSync(join(dir, 'rotated', 'hub.log.1.gz'), gzipSync(text));
    else if (k === 2) writeFileSync(join(dir, 'hub-2025-05-14.log'), gzipSync(text));
    else writeFileSync(join(dir, k === 0 ? 'hub.log.2' : 'hub.log'), text);
  }
  writeFileSync(join(dir, 'notes.md'), '# not a log\n');
  const original = await runCli(['analyze', '-f', 'json', sample('incident-two-days.log')]);
  const pieces = await runCli(['analyze', '-f', 'json', dir]);
  assert.equal(pieces.code, original.code, pieces.stderr);
  const a = JSON.parse(original.stdout) as Report;
  const b = JSON.parse(pieces.stdout) as Report;
  assert.deepEqual(facts(b), facts(a));
  assert.equal(b.inputs.length, 4, 'notes.md is skipped');
  assert.match(pieces.stderr, /skipped 1 file that is not a log \(notes\.md\)/);
  assert.equal(b.totals.lines, lines.length + overlap);
  assert.ok(b.totals.duplicates > 0 && b.totals.duplicates <= overlap, `duplicates ${b.totals.duplicates} of ${overlap} overlapping lines`);
});

test('the same export given twice counts once', async () => {
  const one = JSON.parse((await runCli(['analyze', '-f', 'json', sample('incident-two-days.log')])).stdout) as Report;
  const twice = JSON.parse((await runCli(['analyze', '-f', 'json', sample('incident-two-days.log'), sample('incident-two-days.log')])).stdout) as Report;
  assert.deepEqual(facts(twice), facts(one));
  assert.equal(twice.totals.lines, 2 * one.totals.lines);
  assert.ok(twice.totals.duplicates > 0);
});

test('worker threads (a file cut in parts, several files) give the single-threaded report', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-jobs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.log'), lines.slice(0, 1200).join('\n') + '\n');
  writeFileSync(join(dir, 'b.log'), lines.slice(1200).join('\n') + '\n');
  const env = { HUBSLEUTH_SPLIT_MIN_BYTES: '1000' };
  for (const args of [[sample('incident-two-days.log')], [join(dir, 'a.log'), join(dir, 'b.log')]]) {
    const single = await runCli(['analyze', '-f', 'json', '-j', '1', ...args]);
    const multi = await runCli(['analyze', '-f', 'json', '-j', '4', ...args], { env });
    assert.equal(multi.stdout, single.stdout);
    assert.equal(multi.code, single.code);
  }
});

test('by default a file above the worker threshold (two workers on two cores) gives the single-threaded report, plain and gzip', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-jobs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const text = lines.join('\n') + '\n';
  writeFileSync(join(dir, 'hub.log'), text);
  writeFileSync(join(dir, 'hub.log.gz'), gzipSync(text));
  // The size above which workers pay, lowered so that the sample counts as big.
  const env = { HUBSLEUTH_SPLIT_MIN_BYTES: '1000' };
  for (const file of ['hub.log', 'hub.log.gz']) {
    const single = await runCli(['analyze', '-f', 'json', '-j', '1', join(dir, file)]);
    const auto = await runCli(['analyze', '-f', 'json', join(dir, file)], { env });
    assert.equal(auto.stdout, single.stdout, file);
    assert.equal(auto.code, single.code, file);
  }
});

test('a truncated gzip keeps the records before the damage, names the file, exits 2, and reads the rest', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-gz-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const gz = gzipSync(lines.join('\n') + '\n');
  writeFileSync(join(dir, 'cut.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(join(dir, 'other.log'), readFileSync(sample('healthy-servers-only.log')));
  const r = await runCli(['analyze', '-f', 'json', join(dir, 'cut.log.gz'), join(dir, 'other.log')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /cut\.log\.gz: gzip data is truncated/);
  const report = JSON.parse(r.stdout) as Report;
  const cut = report.inputs.find((i) => i.source.endsWith('cut.log.gz'))!;
  assert.ok(cut.lines > 100 && cut.lines < lines.length, `read ${cut.lines} lines before the damage`);
  assert.equal(report.inputs.find((i) => i.source.endsWith('other.log'))!.lines, 965);
});

test('every sample, cut into parts for three workers, gives the single-threaded report byte for byte', async () => {
  const { readdirSync } = await import('node:fs');
  const logs = [
    ...readdirSync(sample('.')).filter((f) => /\.(log|jsonl|ndjson|json)$/.test(f) && !f.includes('expected')).map((f) => sample(f)),
    ...readdirSync(sample('real')).filter((f) => f.endsWith('.log')).map((f) => sample(`real/${f}`)),
  ];
  assert.ok(logs.length >= 10);
  for (const log of logs) {
    const single = await runCli(['analyze', '-f', 'json', '-j', '1', log]);
    const multi = await runCli(['analyze', '-f', 'json', '-j', '3', log], { env: { HUBSLEUTH_SPLIT_MIN_BYTES: '100' } });
    assert.equal(multi.stdout, single.stdout, log);
    assert.equal(multi.code, single.code, log);
  }
});

test('-j 2 under a 64-file limit: each worker loads its parsers a registry at a time, same report as one thread', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { CLI, ROOT } = await import('../helpers/cli.js');
  const why = skipUnless(spawnSync('bash', ['-c', 'ulimit -n 64']).status === 0, 'bash (for ulimit -n)');
  if (why) return t.skip(why);
  const run = (jobs: string) => spawnSync('bash', ['-c', `ulimit -n 64 && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} analyze -j ${jobs} --format json ${JSON.stringify(sample('incident-two-days.log'))}`], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, HUBSLEUTH_SPLIT_MIN_BYTES: '1000' },
  });
  const one = run('1');
  const two = run('2');
  assert.equal(two.stderr, '');
  assert.equal(two.status, one.status);
  assert.equal(two.stdout, one.stdout);
});

test('a folder of hundreds of rotated pieces under a 128-file limit: read a few at a time, same report as the whole', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { CLI, ROOT } = await import('../helpers/cli.js');
  const why = skipUnless(spawnSync('bash', ['-c', 'ulimit -n 64']).status === 0, 'bash (for ulimit -n)');
  if (why) return t.skip(why);
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-rotated-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Cut at record starts (as log rotation does), every ~6 lines; every other piece gzipped.
  const pieces: string[][] = [[]];
  for (const l of lines) {
    const cur = pieces[pieces.length - 1];
    if (cur.length >= 6 && !l.startsWith(' ')) pieces.push([l]);
    else cur.push(l);
  }
  assert.ok(pieces.length >= 300, `${pieces.length} pieces`);
  pieces.forEach((p, k) => {
    const text = p.join('\n') + '\n';
    const name = join(dir, `hub.log.${String(k).padStart(4, '0')}`);
    if (k % 2) writeFileSync(name + '.gz', gzipSync(text));
    else writeFileSync(name, text);
  });
  const whole = await runCli(['analyze', '--format', 'json', sample('incident-two-days.log')]);
  const b = JSON.parse(whole.stdout) as Report;
  // -j 2 as well: small files are read on the main thread, not by a worker each
  for (const jobs of ['1', '2']) {
    const run = spawnSync('bash', ['-c', `ulimit -n 128 && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} analyze -j ${jobs} --format json ${JSON.stringify(dir)}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.stderr, '', `-j ${jobs}`);
    assert.equal(run.status, 1, `-j ${jobs}`);
    const a = JSON.parse(run.stdout) as Report;
    assert.deepEqual(facts(a), facts(b), `-j ${jobs}`);
    assert.deepEqual([a.totals.lines, a.totals.unparsed, a.totals.duplicates], [b.totals.lines, b.totals.unparsed, 0], `-j ${jobs}`);
    assert.equal(a.inputs.length, pieces.length);
  }
});
