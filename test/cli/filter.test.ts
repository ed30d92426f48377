// `hubsleuth filter` as a user calls it: one dialect at a time, time ranges where the dialect can
// carry them, and filters that survive quoting. What each dialect keeps is held to the samples in
// test/pushdown/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

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
  assert.equal(both.stderr, 'hubsleuth: choose one of --grep, --logql, --gcloud, --cloudwatch, --kql and --es\n');
});

test('filter --since: a time range in the dialects that carry one, a pointer elsewhere', async () => {
  const gcloud = await runCli(['filter', '--gcloud', '--namespace', 'jhub', '--since', '2d']);
  const from = /AND timestamp>="([^"]+)" AND/.exec(gcloud.stdout)?.[1];
  assert.ok(from && Math.abs(Date.parse(from) - (Date.now() - 2 * 86_400_000)) < 60_000, gcloud.stdout);
  assert.match((await runCli(['filter', '--kql', '--since', '48h'])).stdout, /^\| where TimeGenerated > ago\(48h\)$/m);
  assert.deepEqual((JSON.parse((await runCli(['filter', '--es', '--since', '30m'])).stdout) as { query: { bool: { filter: unknown[] } } }).query.bool.filter,
    [{ match_phrase: { 'kubernetes.container_name': 'hub' } }, { range: { '@timestamp': { gte: 'now-30m' } } }]);
  const logql = await runCli(['filter', '--logql', '--since', '48h']);
  assert.equal(logql.code, 2);
  assert.equal(logql.stderr, 'hubsleuth: filter --logql cannot carry --since: give the time range to logcli: logcli query … --since=48h\n');
  const bad = await runCli(['filter', '--es', '--since', 'yesterday']);
  assert.equal(bad.stderr, "hubsleuth: filter --since 'yesterday' must be a duration like 30m, 48h or 2d\n");
});

test('the printed filters need no backslash (the help says so): only Insights escapes its slashes', async () => {
  for (const d of ['grep', 'logql', 'gcloud', 'kql', 'es']) {
    const out = (await runCli(['filter', `--${d}`, '--namespace', 'jhub'])).stdout;
    assert.ok(!out.includes('\\'), `--${d} prints a backslash: ${out}`);
  }
  const insights = (await runCli(['filter', '--cloudwatch'])).stdout;
  assert.equal(insights.replace(/\\\//g, ''), insights.replace(/\\\//g, '').replace(/\\/g, ''), 'Insights escapes nothing but /');
});


