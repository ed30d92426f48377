// Kubernetes Events given to the built CLI beside the hub's log, as an operator has them: read, not
// refused; merged by time with the hub's records into one hub's story; printed by `events` with
// the user each is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const LOG = sample('incident-two-days.log');
const EVENTS = 'test/fixtures/k8s-events/events.json';

async function report(args: string[]): Promise<{ code: number | null; report: Report }> {
  const r = await runCli(['analyze', '--format', 'json', '-q', ...args]);
  assert.notEqual(r.code, 2, r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

test('an input of Events only is read, not refused as holding no JupyterHub record', async () => {
  for (const f of ['events.json', 'watch.json', 'events.ndjson', 'get-events-A.txt', 'kubectl-events.txt']) {
    const { code, report: r } = await report([`test/fixtures/k8s-events/${f}`]);
    assert.equal(code, 0, f);
    assert.equal(r.inputs[0].parsed, r.inputs[0].lines - (f.endsWith('.txt') ? 1 : 0), `${f}: every Event read (a table's header row aside)`);
  }
});

test('analyze: Events beside the hub log are one hub\'s inputs, every line of both read', async () => {
  const alone = await report([LOG]);
  const both = await report([LOG, EVENTS]);
  assert.equal(both.code, alone.code);
  assert.equal(both.report.hubs, undefined, 'the Events do not make a second hub');
  assert.deepEqual(both.report.inputs.map((i) => [i.source, i.envelope, i.lines === i.parsed]), [[LOG, 'plain', true], [EVENTS, 'k8s-events', true]]);
  assert.deepEqual([both.report.inputs[1].first, both.report.inputs[1].last], ['2025-05-14T13:36:41.000Z', '2025-05-14T13:52:10.000Z']);
  assert.equal(both.report.totals.lines, alone.report.totals.lines + both.report.inputs[1].lines);
  assert.equal(both.report.totals.duplicates, 0);
});

test('events: the Events merged by time among the hub\'s records, each with the user it is about', async () => {
  const r = await runCli(['events', LOG, EVENTS]);
  assert.equal(r.code, 0, r.stderr);
  const evs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  // Each Event sits among the hub's records where its time puts it.
  const hub = evs.filter((e) => e.source === LOG && typeof e.time === 'string');
  evs.forEach((e, i) => {
    if (e.kind !== 'k8s-event') return;
    const before = evs.slice(0, i).filter((x) => x.source === LOG && typeof x.time === 'string').pop();
    const after = evs.slice(i + 1).find((x) => x.source === LOG && typeof x.time === 'string');
    assert.ok(before && after && String(before.time) <= String(e.time) && String(e.time) <= String(after.time), `${String(e.reason)} at ${String(e.time)}`);
  });
  assert.equal(hub.length + 8, evs.filter((e) => typeof e.time === 'string').length);
  assert.deepEqual(evs.filter((e) => e.kind === 'k8s-event').map((e) => [e.time, e.namespace ?? null, e.reason, e.object, e.podName, e.user, e.count]), [
    ['2025-05-14T13:36:41.000Z', null, 'OOMKilling', 'Node/gke-jhub-user-pool-3f1c0a2b-x7kq', null, null, 1],
    ['2025-05-14T13:38:20.000Z', 'jhub', 'TriggeredScaleUp', 'Pod/jupyter-bob', 'jupyter-bob', 'bob', 1],
    ['2025-05-14T13:40:02.000Z', 'jhub', 'FailedScheduling', 'Pod/jupyter-bob', 'jupyter-bob', 'bob', 3],
    ['2025-05-14T13:41:30.000Z', 'jhub', 'Evicted', 'Pod/jupyter-carol', 'jupyter-carol', 'carol', 1],
    ['2025-05-14T13:44:51.000Z', 'jhub', 'Failed', 'Pod/jupyter-dana-40example-2eorg', 'jupyter-dana-40example-2eorg', 'dana@example.org', 1],
    ['2025-05-14T13:47:31.000Z', 'jhub', 'BackOff', 'Pod/jupyter-dana-40example-2eorg', 'jupyter-dana-40example-2eorg', 'dana@example.org', 9],
    ['2025-05-14T13:51:40.000Z', 'jhub', 'ScaleDown', 'Pod/jupyter-erin', 'jupyter-erin', 'erin', 1],
    ['2025-05-14T13:52:10.000Z', 'jhub', 'ScaleDownFailed', 'Node/gke-jhub-user-pool-3f1c0a2b-x7kq', 'jupyter-erin', 'erin', 1],
  ]);
  // The users the Events name are the hub's own users.
  const users = new Set(evs.filter((e) => e.kind !== 'k8s-event').map((e) => e.user));
  for (const e of evs.filter((x) => x.kind === 'k8s-event' && x.user !== null)) assert.ok(users.has(e.user), `${String(e.user)} is a user of the hub`);
  const only = await runCli(['events', '--only', 'k8s-event', '-', EVENTS], { input: '' });
  assert.equal(only.stdout.trim().split('\n').length, 8, only.stderr);
});

test('watch: the Events beside the hub log change none of its alerts, and name no second hub', async () => {
  const alerts = async (args: string[]) => {
    const r = await runCli(['watch', '--every', '0', '--format', 'ndjson', ...args]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; hub?: string });
  };
  const alone = await alerts([LOG]);
  const both = await alerts([LOG, EVENTS]);
  assert.ok(alone.length > 0);
  assert.deepEqual(both, alone);
  assert.ok(both.every((a) => a.hub === undefined));
});

test('events --redact: the pods and users the Events are about are pseudonyms everywhere, their object too', async () => {
  const r = await runCli(['events', '--redact', '--only', 'k8s-event', EVENTS]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /bob|carol|dana|erin/);
  const first = r.stdout.split('\n').map((l) => (l ? JSON.parse(l) as Record<string, unknown> : null)).find((e) => e?.reason === 'FailedScheduling')!;
  assert.equal(first.object, `Pod/${String(first.podName)}`);
});
