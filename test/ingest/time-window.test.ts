// --since / --until are applied while reading; the same records in two exports whose envelope
// clocks disagree are counted once and the disagreement is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

test('--since/--until keep only what happened in the window', async () => {
  const since = '2025-05-14T10:00:00Z';
  const until = '2025-05-14T20:00:00.000Z';
  const all = JSON.parse((await runCli(['analyze', '-f', 'json', sample('incident-two-days.log')])).stdout) as Report;
  const r = await runCli(['analyze', '-f', 'json', '--since', since, '--until', until, sample('incident-two-days.log')]);
  const cut = JSON.parse(r.stdout) as Report;
  const inWindow = (t: string) => t >= '2025-05-14T10:00:00.000Z' && t <= until;
  assert.ok(cut.incidents.length > 0 && cut.incidents.length < all.incidents.length);
  assert.deepEqual(cut.incidents.map((i) => [i.user, i.deletedAt]), all.incidents.filter((i) => inWindow(i.deletedAt)).map((i) => [i.user, i.deletedAt]));
  assert.ok(cut.denials.every((d) => inWindow(d.at)));
  assert.deepEqual(cut.hubStarts.map((s) => s.at), ['2025-05-14T10:31:52.732Z']);
});

test('--since 48h is relative to now: a 2025 sample read in a later year has nothing in the window, and says so', async () => {
  const before = Date.now() - 48 * 3_600_000;
  const r = await runCli(['analyze', '-f', 'json', '--since', '48h', sample('incident-two-days.log')]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const m = /^hubsleuth: nothing to report: read 2203 lines from .*incident-two-days\.log, with records from 2025-05-13 07:58:13 UTC to 2025-05-15 07:51:55 UTC, none of them within --since (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC\n$/.exec(r.stderr);
  assert.ok(m, r.stderr);
  assert.ok(Math.abs(Date.parse(`${m[1].replace(' ', 'T')}Z`) - before) < 60_000, `--since is 48 h before now: ${m[1]}`);
});

test('a time that is not one is a usage error', async () => {
  const r = await runCli(['analyze', '--since', 'yesterday', sample('incident-two-days.log')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "hubsleuth: --since 'yesterday' is not a time: use ISO 8601 (2025-07-10T12:00:00Z) or a duration like 48h\n");
});

test('two exports of the same lines with clocks 30 s apart: counted once, skew reported', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-skew-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split('\n').filter(Boolean).slice(0, 400);
  // kubectl --timestamps: the envelope time is the node's clock, the in-line time the hub's.
  const stamp = (skewMs: number) => lines.map((l) => {
    const m = /^\[. (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(l);
    const t0 = m ? Date.parse(`${m[1]}T${m[2]}Z`) : Date.parse('2025-05-13T07:58:13.000Z');
    return `${new Date(t0 + skewMs).toISOString().replace('Z', '000000Z')} ${l}`;
  }).join('\n') + '\n';
  writeFileSync(join(dir, 'node-a.log'), stamp(0));
  writeFileSync(join(dir, 'node-b.log'), stamp(30_000));
  const one = JSON.parse((await runCli(['analyze', '-f', 'json', join(dir, 'node-a.log')])).stdout) as Report;
  const r = await runCli(['analyze', '-f', 'json', join(dir, 'node-a.log'), join(dir, 'node-b.log')]);
  const both = JSON.parse(r.stdout) as Report;
  assert.deepEqual(both.incidents.map((i) => [i.user, i.deletedAt, i.denials]), one.incidents.map((i) => [i.user, i.deletedAt, i.denials]));
  assert.ok(both.totals.duplicates > 0);
  const skew = both.findings.find((f) => f.kind === 'clock-skew');
  assert.ok(skew, 'clock-skew finding');
  assert.match(skew.summary, /30s apart in .*node-a\.log and .*node-b\.log/);
});
