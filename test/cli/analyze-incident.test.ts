// The main job on the bundled incident sample: the report must equal what the generator knows it wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, sample } from '../helpers/cli.js';
import type { Report } from '../../src/report/model.js';

const expected = JSON.parse(readFileSync(sample('incident-two-days.expected.json'), 'utf8')) as Report;

test('analyze --format json on the incident sample reports every incident and denial exactly', async () => {
  const r = await runCli(['analyze', '--format', 'json', sample('incident-two-days.log')]);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  assert.equal(report.schema, 'hubsleuth.report/v1');
  assert.equal(report.verdict.rootCause, 'culler-deleted-users');
  assert.equal(report.verdict.confidence, 'high');
  const pick = <T extends object>(o: T, keys: Array<keyof T>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
  const incKeys = ['user', 'deletedAt', 'deletedBy', 'actor', 'inactiveFor', 'denials', 'firstDeniedAt', 'lastDeniedAt', 'restoredAt'] as const;
  assert.deepEqual(report.incidents.map((i) => pick(i, [...incKeys])), expected.incidents.map((i) => pick(i, [...incKeys])));
  const denKeys = ['at', 'user', 'status', 'method', 'path', 'cause', 'incident'] as const;
  assert.deepEqual(report.denials.map((d) => pick(d, [...denKeys])), expected.denials.map((d) => pick(d, [...denKeys])));
  assert.deepEqual(report.hubStarts.map((s) => [s.at, s.version, s.line]), expected.hubStarts.map((s) => [s.at, s.version, s.line]));
  assert.equal(report.culler.cullsUsers, true);
  assert.equal(report.culler.timeoutSeconds, 3600);
  assert.equal(report.culler.everySeconds, 600);
  assert.deepEqual(report.findings.map((f) => f.kind), ['pattern-recurred', 'home-volumes-deleted']);
  assert.equal(report.totals.lines, readFileSync(sample('incident-two-days.log'), 'utf8').split('\n').length - 1);
  assert.equal(report.totals.unparsed, 0);
});

test('the healthy sample (servers culled only) has no incident and exits 0', async () => {
  const r = await runCli(['analyze', '--format', 'json', sample('healthy-servers-only.log')]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  assert.equal(report.verdict.rootCause, 'none');
  assert.deepEqual(report.incidents, []);
  assert.equal(report.culler.cullsUsers, false);
});

test('the xsrf / not-allowed sample has no culler incident and the right causes', async () => {
  const r = await runCli(['analyze', '--format', 'json', sample('xsrf-and-not-allowed.log')]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  const exp = JSON.parse(readFileSync(sample('xsrf-and-not-allowed.expected.json'), 'utf8')) as Report;
  assert.deepEqual(report.incidents, []);
  assert.equal(report.verdict.rootCause, exp.verdict.rootCause);
  assert.deepEqual(report.denials.map((d) => [d.at, d.user, d.cause]), exp.denials.map((d) => [d.at, d.user, d.cause]));
});
