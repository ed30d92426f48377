// One meaning of "restored": a hub restart gives every deleted user their access back, and the
// report, the JSON, the HTML lanes and watch all say so; a deletion nobody has hit yet warns the same,
// whoever deleted. Through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { HubLog } from '../correlate/hublog.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const iso = (t: string) => `2025-05-14T${t}Z`;

test('a restart without a login after it: restored by the restart, in analyze, JSON, HTML and watch', async () => {
  const log = new HubLog();
  log.start('08:00:00.000');
  log.cullUser('10:22:00.000', 'alice');
  log.refusedOAuth('11:00:00.500', 'alice');
  const restart = log.start('12:00:00.000');
  log.cullerCycle('12:10:00.000');
  const input = log.text();
  const [json, text, html, watch] = await Promise.all([
    runCli(['analyze', '--format', 'json'], { input }),
    runCli(['analyze', '--wide'], { input }),
    runCli(['analyze', '--format', 'html'], { input }),
    runCli(['watch', '--format', 'ndjson'], { input }),
  ]);
  const report = JSON.parse(json.stdout) as Report;
  assert.deepEqual(report.incidents.map((i) => [i.user, i.restoredAt, i.restoredBy]), [['alice', iso('12:00:00.000'), 'restart']]);
  assert.match(text.stdout, / {2}2025-05-14 12:00:00 {2}restart\n/);
  assert.doesNotMatch(text.stdout, /not yet/);
  assert.ok(html.stdout.includes(`data-kind="restored" data-by="restart" data-user="alice" data-at="${iso('12:00:00.000')}"`), 'the lane ends at the restart');
  assert.doesNotMatch(html.stdout, /class="gap open"/);
  const alerts = watch.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; at: string; restoredUsers?: string[]; evidence: { line: number }[] });
  const restarted = alerts.filter((a) => a.kind === 'hub-restarted');
  assert.deepEqual(restarted.map((a) => [a.at, a.restoredUsers, a.evidence[0].line]), [[iso('08:00:00.000'), [], 2], [iso('12:00:00.000'), ['alice'], restart]]);
});

test('a login before the restart is what restored access; the restart after it changes nothing', async () => {
  const log = new HubLog();
  log.start('08:00:00.000');
  log.cullUser('10:22:00.000', 'bob');
  log.loginOAuth('11:00:00.000', 'bob');
  log.start('12:00:00.000');
  const report = JSON.parse((await runCli(['analyze', '--format', 'json'], { input: log.text() })).stdout) as Report;
  assert.deepEqual(report.incidents.map((i) => [i.user, i.restoredAt, i.restoredBy]), [['bob', iso('11:00:00.000'), 'login']]);
});

test('an admin deletion with no refusal yet warns like a cull with no refusal yet', async () => {
  const admin = new HubLog();
  admin.start('08:00:00.000');
  admin.adminDelete('10:50:15.766', 'erin');
  const culler = new HubLog();
  culler.start('08:00:00.000');
  culler.cullUser('10:50:15.766', 'erin');
  const [a, c] = await Promise.all([admin, culler].map(async (l) => (JSON.parse((await runCli(['analyze', '--format', 'json'], { input: l.text() })).stdout) as Report).verdict));
  assert.deepEqual([a.rootCause, a.confidence, a.summary], ['admin-deleted-users', 'medium', 'An admin deleted 1 user (erin); none of them has been refused since. They will be refused at the next login until the hub restarts.']);
  assert.deepEqual([c.rootCause, c.confidence, c.summary], ['culler-deleted-users', 'medium', 'The idle culler deleted 1 user (erin); none of them has been refused since. They will be refused at the next login until the hub restarts.']);
});
