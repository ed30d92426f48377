// The push-down filter: logs cut down with the printed grep pattern give the same verdict, incidents
// and denials as the full logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli, sample, ROOT } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const facts = (r: Report) => ({
  verdict: r.verdict.rootCause,
  incidents: r.incidents.map((i) => [i.user, i.deletedAt, i.deletedBy, i.inactiveFor, i.denials, i.firstDeniedAt, i.lastDeniedAt, i.restoredAt]),
  denials: r.denials.map((d) => [d.at, d.user, d.status, d.cause, d.incident]),
  findings: r.findings.map((f) => [f.kind, f.users ?? null]),
  starts: r.hubStarts.map((s) => [s.at, s.version]),
  culler: [r.culler.cullsUsers, r.culler.timeoutSeconds, r.culler.everySeconds],
});

test('filter --grep prints one extended regex; --logql wraps it in a selector', async () => {
  const g = await runCli(['filter', '--grep']);
  const re = g.stdout.replace(/\n$/, '');
  assert.equal(g.code, 0);
  assert.equal(g.stdout.split('\n').length, 2);
  const l = await runCli(['filter', '--logql', '--selector', '{namespace="jhub",container="hub"}']);
  assert.equal(l.code, 0);
  assert.equal(l.stdout, `{namespace="jhub",container="hub"} |~ \`${re}\`\n`);
  const both = await runCli(['filter', '--grep', '--logql']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /choose one of --grep and --logql/);
});

const logs = [
  ...readdirSync(sample('.')).filter((f) => f.endsWith('.log')).map((f) => `samples/${f}`),
  ...readdirSync(sample('real')).filter((f) => f.endsWith('.log')).map((f) => `samples/real/${f}`),
];

test('grep -E with the printed filter keeps the verdict of every sample', async () => {
  const pattern = (await runCli(['filter'])).stdout.replace(/\n$/, '');
  for (const log of logs) {
    const full = await runCli(['analyze', '--format', 'json', log]);
    const kept = execFileSync('grep', ['-E', pattern, log], { cwd: ROOT, maxBuffer: 64 << 20 });
    // The filter must actually cut: the composed samples carry access noise, DEBUG lines and tracebacks.
    if (!log.includes('/real/')) assert.ok(kept.length < statSync(resolve(ROOT, log)).size * 0.9, `${log}: kept ${kept.length} bytes`);
    const cut = await runCli(['analyze', '--format', 'json', '-'], { input: kept });
    assert.deepEqual(facts(JSON.parse(cut.stdout) as Report), facts(JSON.parse(full.stdout) as Report), log);
    assert.equal(cut.code, full.code, log);
  }
});
