// The main job on the bundled incident sample: the report must equal what the generator knows it wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

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

// Scripts and ticket bots read the JSON: field names, enums and time format per schema/report-v1.schema.json.
test('the incident sample JSON follows the report contract', async () => {
  const r = await runCli(['analyze', '--format', 'json', sample('incident-two-days.log')]);
  const report = JSON.parse(r.stdout) as Report;
  const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  const time = (v: string | null, what: string, nullable = false) => {
    if (v === null && nullable) return;
    assert.match(String(v), TIME, what);
  };
  for (const k of ['schema', 'tool', 'verdict', 'incidents', 'denials', 'findings', 'hubStarts', 'culler', 'inputs', 'totals']) assert.ok(k in report, k);
  assert.deepEqual(report.tool.name, 'hubsleuth');
  assert.ok(report.verdict.summary.length > 0 && report.verdict.remediation.length > 0);
  const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split('\n');
  const cites = (e: { source: string; line: number; text: string }) => {
    assert.ok(e.source.endsWith('incident-two-days.log'), e.source);
    assert.equal(e.text, lines[e.line - 1], `evidence ${e.line} quotes its line`);
  };
  for (const i of report.incidents) {
    time(i.deletedAt, 'deletedAt');
    time(i.firstDeniedAt, 'firstDeniedAt', true);
    time(i.lastDeniedAt, 'lastDeniedAt', true);
    time(i.restoredAt, 'restoredAt', true);
    assert.ok(['culler', 'admin', 'unknown'].includes(i.deletedBy));
    assert.equal(i.denials, report.denials.filter((d) => d.incident === report.incidents.indexOf(i)).length, `${i.user} denials`);
    assert.equal(i.denials === 0, i.firstDeniedAt === null);
    i.evidence.forEach(cites);
  }
  const causes = ['deleted-by-culler', 'deleted-by-admin', 'not-allowed', 'blocked', 'xsrf', 'permission', 'unknown'];
  for (const d of report.denials) {
    time(d.at, 'denial at');
    assert.ok(causes.includes(d.cause), d.cause);
    assert.ok(d.path !== null && !d.path.includes('?'), 'path without the query');
    assert.match(lines[d.line - 1], new RegExp(` ${d.status} ${d.method} ${d.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `denial line ${d.line}`);
  }
  for (const f of report.findings) f.evidence.forEach(cites);
  report.culler.evidence.forEach(cites);
  for (const s of report.hubStarts) time(s.at, 'hub start');
  const recurred = report.findings.find((f) => f.kind === 'pattern-recurred');
  assert.ok(recurred);
  assert.equal(recurred.at, expected.incidents[8].deletedAt, 'first cull after the restart');
  assert.deepEqual(recurred.users, ['frank', 'admin-alice', 'erin', 'carol', 'bob', 'grace', 'dana@example.org']);
  assert.match(lines[recurred.evidence[0].line - 1], /Running JupyterHub version/);
  const pvc = report.findings.find((f) => f.kind === 'home-volumes-deleted');
  assert.ok(pvc && pvc.evidence.length > 0 && pvc.evidence.every((e) => /Deleting pvc claim-/.test(e.text)));
  assert.ok(report.verdict.remediation.some((s) => /PVC/.test(s)));
});
