// Kubernetes Events as an input: the same eight Events of one afternoon of a hub's user pods and
// nodes (test/fixtures/k8s-events/), exported every way kubectl writes them, come out as the same
// `k8s-event` events with the user each one is about; what the text tables cannot say (when) is
// left unknown, not made up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputDecoder } from '../../src/ingest/decode.js';
import { documentStart } from '../../src/ingest/json-array.js';
import { LiveSource } from '../../src/watch/source.js';
import { kubeEvent } from '../../parsers/envelopes/kube-event.js';
import { iso, UTC } from '../../src/core/time.js';
import type { HubEvent } from '../../src/core/model/events.js';
import { ROOT } from '../helpers/cli.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/k8s-events', name), 'utf8');
type KubeEv = Extract<HubEvent, { kind: 'k8s-event' }>;

function decode(chunks: string[], mode: 'all' | 'needed' = 'all'): HubEvent[] {
  const out: HubEvent[] = [];
  const d = new InputDecoder('events', (e) => out.push(e), { mode });
  for (const c of chunks) d.push(Buffer.from(c));
  d.end();
  return out;
}

const kube = (evs: HubEvent[]) => evs.filter((e): e is KubeEv => e.kind === 'k8s-event');
/** What an Event says, and when (null: no time). */
const said = (e: KubeEv) => [iso(e.t), e.namespace ?? null, e.eventType, e.reason, e.object, e.podName, e.user, e.count, e.message.slice(0, 48)];

const NODE = 'Node/gke-jhub-user-pool-3f1c0a2b-x7kq';
const DANA = 'jupyter-dana-40example-2eorg';
// In time order, as analyze reads them: the list itself is in the order of the Events' names.
const AFTERNOON = [
  ['2025-05-14T13:36:41.000Z', null, 'Warning', 'OOMKilling', NODE, null, null, 1, 'Memory cgroup out of memory: Killed process 2712'],
  ['2025-05-14T13:38:20.000Z', 'jhub', 'Normal', 'TriggeredScaleUp', 'Pod/jupyter-bob', 'jupyter-bob', 'bob', 1, 'pod triggered scale-up: [{https://www.googleapis'],
  ['2025-05-14T13:40:02.000Z', 'jhub', 'Warning', 'FailedScheduling', 'Pod/jupyter-bob', 'jupyter-bob', 'bob', 3, '0/3 nodes are available: 3 Insufficient memory. '],
  ['2025-05-14T13:41:30.000Z', 'jhub', 'Warning', 'Evicted', 'Pod/jupyter-carol', 'jupyter-carol', 'carol', 1, 'The node was low on resource: memory. Threshold '],
  ['2025-05-14T13:44:51.000Z', 'jhub', 'Warning', 'Failed', `Pod/${DANA}`, DANA, 'dana@example.org', 1, 'Failed to pull image "quay.io/jupyter/datascienc'],
  ['2025-05-14T13:47:31.000Z', 'jhub', 'Normal', 'BackOff', `Pod/${DANA}`, DANA, 'dana@example.org', 9, 'Back-off pulling image "quay.io/jupyter/datascie'],
  ['2025-05-14T13:51:40.000Z', 'jhub', 'Normal', 'ScaleDown', 'Pod/jupyter-erin', 'jupyter-erin', 'erin', 1, 'deleting pod for node scale down'],
  // The autoscaler's drain of a node names the user's pod it could not evict.
  ['2025-05-14T13:52:10.000Z', 'jhub', 'Warning', 'ScaleDownFailed', NODE, 'jupyter-erin', 'erin', 1, 'failed to drain the node: failed to evict pod jh'],
];

test('kubectl get events -o json: every Event of the list, in time order, each with its user', () => {
  const evs = decode([fixture('events.json')]);
  assert.deepEqual(kube(evs).map(said), AFTERNOON);
  // Every line of the document is one Event's.
  assert.equal(evs.length, AFTERNOON.length);
  assert.equal(evs.reduce((n, e) => n + e.lines, 0), fixture('events.json').split('\n').length - 1);
  // What `hubsleuth events` shows of one: the Event in one line.
  assert.equal(kube(evs)[2].text, 'Warning FailedScheduling Pod/jupyter-bob (x3): 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
});

test('the events.k8s.io/v1 list says the same: regarding, note, deprecatedCount, the scheduler\'s series', () => {
  const evs = kube(decode([fixture('events-v1.json')]));
  // The scheduler writes its Events itself, to the microsecond, and counts them in a series.
  const expected = AFTERNOON.map((e) => (e[3] === 'FailedScheduling' ? ['2025-05-14T13:40:02.118Z', ...e.slice(1)] : e));
  assert.deepEqual(evs.map(said), expected);
  assert.deepEqual(evs.map((e) => e.message), kube(decode([fixture('events.json')])).map((e) => e.message));
});

test('one Event a line (jq -c .items[]) and the --watch stream give the same Events, in analyze\'s reading too', () => {
  const byTime = (evs: KubeEv[]) => evs.map(said).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  for (const mode of ['all', 'needed'] as const) {
    assert.deepEqual(byTime(kube(decode([fixture('events.ndjson')], mode))), AFTERNOON, mode);
    assert.deepEqual(kube(decode([fixture('watch.json')], mode)).map(said), AFTERNOON, mode);
  }
  const lines = decode([fixture('watch.json')]);
  assert.equal(lines.length, AFTERNOON.length, 'nothing of the stream is left unparsed');
  assert.equal(lines.reduce((n, e) => n + e.lines, 0), fixture('watch.json').split('\n').length - 1);
});

test('a stream is told by its first value: a record that spans lines; JSON lines and other pretty JSON are read as before', () => {
  const start = (s: string) => { const d = documentStart(Buffer.from(s)); return d && d.id; };
  assert.equal(start(fixture('watch.json')), 'json-stream');
  assert.equal(start(fixture('events.json')), 'k8s-event-list');
  assert.equal(start(fixture('events.ndjson')), false);
  assert.equal(start(JSON.stringify({ name: 'hubsleuth', scripts: { test: 'node --test' } }, null, 2) + '\n'), false);
  // Until its first value ends, it cannot tell.
  assert.equal(start(fixture('watch.json').slice(0, 400)), null);
});

test('the --watch stream cut at every byte gives the same Events', () => {
  const doc = fixture('watch.json');
  const whole = decode([doc]).map((e) => [e.line, e.lines, ...said(e as KubeEv)]);
  for (let i = 1; i < doc.length; i++) {
    assert.deepEqual(decode([doc.slice(0, i), doc.slice(i)]).map((e) => [e.line, e.lines, ...said(e as KubeEv)]), whole, `cut at ${i}`);
  }
});

test('a live --watch stream passes each Event on when the input goes quiet, not when the next one comes', async () => {
  const doc = fixture('watch.json');
  const second = doc.indexOf('\n{') + 1;
  const out: HubEvent[] = [];
  const live = new LiveSource('-', (e) => out.push(e), { zone: UTC, idleMs: 20 });
  live.chunk(Buffer.from(doc.slice(0, second)));
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(kube(out).map(said), AFTERNOON.slice(0, 1));
  live.chunk(Buffer.from(doc.slice(second)));
  live.end();
  assert.deepEqual(kube(out).map(said), AFTERNOON);
  assert.equal(out.reduce((n, e) => n + e.lines, 0), doc.split('\n').length - 1);
});

// The tables print ages ("13m"), relative to a moment they do not say: no time, and no count
// where the table shows none.
const untimed = AFTERNOON.map((e) => [null, ...e.slice(1)]);

test('kubectl get events -A: the Events with their namespace, no time and no count', () => {
  const evs = decode([fixture('get-events-A.txt')]);
  assert.deepEqual(evs[0].kind === 'paste-artifact' && evs[0].artifact, 'table', 'the header row');
  assert.deepEqual(kube(evs).map(said), untimed.map((e) => [...e.slice(0, 7), null, e[8]]));
  assert.deepEqual(kube(evs).map((e) => e.message), kube(decode([fixture('events.json')])).map((e) => e.message));
});

test('kubectl get events -o wide: SUBOBJECT and SOURCE are not the message; COUNT is the count', () => {
  const evs = kube(decode([fixture('get-events-wide.txt')]));
  const jhub = kube(decode([fixture('events.json')])).filter((e) => e.object.startsWith('Pod/'));
  assert.deepEqual(evs.map(said), untimed.filter((e) => String(e[4]).startsWith('Pod/')).map((e) => [null, null, ...e.slice(2)]));
  assert.deepEqual(evs.map((e) => e.message), jhub.map((e) => e.message));
});

test('kubectl events: Pod/<name>, and the count of a repeated Event from "(x3 over 15m)"', () => {
  const evs = kube(decode([fixture('kubectl-events.txt')]));
  assert.deepEqual(evs.map((e) => [e.reason, e.object, e.user, e.count, Number.isFinite(e.t)]), [
    ['TriggeredScaleUp', 'Pod/jupyter-bob', 'bob', null, false],
    ['FailedScheduling', 'Pod/jupyter-bob', 'bob', 3, false],
    ['Evicted', 'Pod/jupyter-carol', 'carol', null, false],
    ['Failed', `Pod/${DANA}`, 'dana@example.org', null, false],
    ['BackOff', `Pod/${DANA}`, 'dana@example.org', 9, false],
    ['ScaleDown', 'Pod/jupyter-erin', 'erin', null, false],
  ]);
});

test('who an Event is about: KubeSpawner pods and claims, not the hub, not a process called jupyter-lab', () => {
  const about = (kind: string, name: string, message = '') => {
    const k = kubeEvent({ eventType: 'Warning', reason: 'X', kind, name, namespace: 'jhub', message, count: 1 });
    return [k.object, k.podName, k.user];
  };
  assert.deepEqual(about('Pod', 'jupyter-nora-2ekim-40example-2eorg--gpu'), ['Pod/jupyter-nora-2ekim-40example-2eorg--gpu', 'jupyter-nora-2ekim-40example-2eorg--gpu', 'nora.kim@example.org']);
  // KubeSpawner 7 names an unsafe user with a hash, which cannot be undone: the pod, not who.
  assert.deepEqual(about('pod', 'jupyter-nora-kim---3f2a1b9c'), ['Pod/jupyter-nora-kim---3f2a1b9c', 'jupyter-nora-kim---3f2a1b9c', null]);
  assert.deepEqual(about('persistentvolumeclaim', 'claim-bob'), ['PersistentVolumeClaim/claim-bob', null, 'bob']);
  assert.deepEqual(about('Pod', 'hub-7c9d5b8f4-x2k9q'), ['Pod/hub-7c9d5b8f4-x2k9q', null, null]);
  assert.deepEqual(about('Node', 'gke-jhub-user-pool-3f1c0a2b-x7kq', 'Memory cgroup out of memory: Killed process 2712 (jupyter-lab) total-vm:3546952kB'), [NODE, null, null]);
  assert.deepEqual(about('Node', 'gke-jhub-user-pool-3f1c0a2b-x7kq', 'Evicting pod "jupyter-frank" to free memory'), [NODE, 'jupyter-frank', 'frank']);
});
