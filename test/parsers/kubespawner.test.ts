// KubeSpawner's reflector and pod lines, the spawn progress page, z2jh's preamble with what its
// config prints, and the users KubeSpawner's pod and claim names stand for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso, parse } from './helpers.js';
import { userOfPodName } from '../../src/core/pod-name.js';
import type { HubEvent } from '../../src/core/model/events.js';

async function read(lines: string[]): Promise<HubEvent[]> {
  return (await parse(lines.join('\n') + '\n')).events;
}

test('pod and claim names give back the user, escaped or not, and nothing when they cannot', () => {
  const cases: Array<[string, string | null]> = [
    ['prod/jupyter-nora-2ekim-40example-2eorg', 'nora.kim@example.org'],
    ['jhub/jupyter-fatima', 'fatima'],
    ['claim-hugo', 'hugo'],
    ['claim-alice-40example-2ecom', 'alice@example.com'],
    ['jupyter-erin--gpu', 'erin'],
    ['jupyter-jo-2dann', 'jo-ann'],
    ['jupyter-j-c3-a9r-c3-b4me', 'jérôme'],
    ['jupyter-ab-cd', 'ab-cd'],
    ['jupyter-anna-smith---2f1a9b3c', null],
    ['hub-7c9d5b8f4-x2k9q', null],
    ['jupyter-', null],
  ];
  for (const [name, user] of cases) assert.equal(userOfPodName(name), user, name);
});

test("the reflector's retries, its giving up and a pod it never saw are typed events", async () => {
  const events = await read([
    '[E 2025-08-21 03:14:07.219 JupyterHub reflector:367] Error when watching resources, retrying in 0.2s',
    '    Traceback (most recent call last):',
    '    aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host 10.96.0.1:443',
    '[E 2025-08-21 03:15:00.411 JupyterHub reflector:367] Error when watching resources, retrying in 25.6s',
    '[E 2025-08-21 03:15:26.036 JupyterHub reflector:363] Watching resources never recovered, giving up',
    '[E 2025-08-21 03:25:41.733 JupyterHub spawner:2810] Pod jhub/jupyter-fatima never showed up in reflector, restarting pod reflector',
    '[I 2021-09-17 04:43:01.303 JupyterHub reflector:275] watching for pods with label selector=\'component=singleuser-server\' in namespace dask',
    '[W 2025-08-21 03:25:42.000 JupyterHub spawner:2708] Pod jhub/jupyter-fatima url changed! 10.0.0.1:8888 -> 10.0.0.2:8888',
  ]);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.kind]), [
    [1, 3, 'reflector-retry'], [4, 1, 'reflector-retry'], [5, 1, 'reflector-stopped'], [6, 1, 'pod-missing'], [7, 1, 'message'], [8, 1, 'message'],
  ]);
  assert.deepEqual(events.slice(0, 2).map((e) => e.kind === 'reflector-retry' && e.retrySeconds), [0.2, 25.6]);
  const missing = events[3];
  assert.ok(missing.kind === 'pod-missing');
  assert.deepEqual([missing.podName, missing.user, iso(missing.t)], ['jhub/jupyter-fatima', 'fatima', '2025-08-21T03:25:41.733Z']);
});

test('the spawn progress page: its steps, the failure with its pod and user, and pod events at their own times', async () => {
  const events = await read([
    'Spawn failed: pod prod/jupyter-nora-2ekim-40example-2eorg did not start in 900 seconds!',
    'Server requested',
    '2023-06-05T08:18:38.684859Z [Warning] 0/21 nodes are available: 3 Insufficient cpu.',
    '2023-06-05T08:25:03Z [Normal] Successfully assigned prod/jupyter-nora-2ekim-40example-2eorg to aks-user-37927680-vmss00039w',
    '2019-01-18 16:57:09+00:00 [Warning] 0/3 nodes are available: 3 Insufficient memory.',
    'Spawn failed: Timeout',
  ]);
  assert.deepEqual(events.map((e) => [e.kind, e.shape, iso(e.t), e.level ?? null]), [
    ['spawn-failed', 'spawn-progress', null, null], ['message', 'spawn-progress', null, null],
    ['pod-event', 'spawn-progress', '2023-06-05T08:18:38.684Z', 'W'], ['pod-event', 'spawn-progress', '2023-06-05T08:25:03.000Z', 'I'],
    ['pod-event', 'spawn-progress', '2019-01-18T16:57:09.000Z', 'W'], ['spawn-failed', 'spawn-progress', null, null],
  ]);
  const failed = events[0];
  assert.ok(failed.kind === 'spawn-failed');
  assert.deepEqual([failed.reason, failed.podName, failed.user], ['pod prod/jupyter-nora-2ekim-40example-2eorg did not start in 900 seconds!', 'prod/jupyter-nora-2ekim-40example-2eorg', 'nora.kim@example.org']);
  const timeout = events[5];
  assert.ok(timeout.kind === 'spawn-failed');
  assert.deepEqual([timeout.podName, timeout.user], [null, null]);
  const event = events[2];
  assert.ok(event.kind === 'pod-event');
  assert.deepEqual([event.eventType, event.message], ['Warning', '0/21 nodes are available: 3 Insufficient cpu.']);
});

test('deleted pods and claims name their user', async () => {
  const events = await read([
    '[I 2025-05-14 10:22:00.530 JupyterHub spawner:2881] Deleting pvc claim-alice-40example-2ecom',
    '[I 2025-05-14 09:12:00.420 JupyterHub spawner:2849] Deleting pod jhub/jupyter-alice-40example-2ecom',
  ]);
  assert.deepEqual(events.map((e) => (e.kind === 'pvc-deleted' || e.kind === 'pod-deleted') && e.user), ['alice@example.com', 'alice@example.com']);
});

test("z2jh's preamble: the loader's lines, then what its config prints, until the hub's first line", async () => {
  const events = await read([
    'Loading /usr/local/etc/jupyterhub/secret/values.yaml',
    'No config at /usr/local/etc/jupyterhub/existing-secret/values.yaml',
    'Loading extra config: 00-add-dask-gateway-values',
    'Setting DASK_GATEWAY__ADDRESS http://proxy-public/services/dask-gateway',
    'Adding dask-gateway service URL',
    'Warning: hub.db.password is ignored for hub.db.type=sqlite-pvc',
    '[I 2021-09-17 04:43:01.183 JupyterHub app:2459] Running JupyterHub version 1.4.2',
    'Setting something after the hub started',
    'FATAL: Invalid hub.config section name: jupyterhub',
  ]);
  assert.deepEqual(events.map((e) => [e.kind, e.shape, e.level ?? null]), [
    ['hub-start', 'z2jh', null], ['message', 'z2jh', null], ['message', 'z2jh', null], ['message', 'z2jh', null], ['message', 'z2jh', null],
    ['message', 'z2jh', 'W'], ['hub-start', 'jupyterhub', 'I'], ['unparsed', 'none', null], ['message', 'z2jh', 'C'],
  ]);
});
