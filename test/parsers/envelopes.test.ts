// Every envelope (parsers/envelopes/), detected per line: what is kept (pod, container, stream
// pieces), which time wins (the envelope's), and how physical lines are accounted for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture, iso, kinds, only, parse, sumLines } from './helpers.js';
import { runCli } from '../helpers/cli.js';

const POD = 'hub-7c9d5b8f4-x2k9q';
const REFUSED = "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice@example.com' not allowed.";

test('kubectl --timestamps: the kubelet time wins, traceback lines (each stamped) join their record', async () => {
  const { events } = await parse([
    `2025-05-14T13:40:02.118734512Z ${REFUSED}`,
    '2025-05-14T13:40:03.000000001Z [E 2025-05-14 13:40:02.990 JupyterHub web:1973] Uncaught exception GET /hub/home (10.0.2.15)',
    '2025-05-14T13:40:03.000000002Z     Traceback (most recent call last):',
    '2025-05-14T13:40:03.000000003Z     ZeroDivisionError: division by zero',
    '',
  ].join('\n'));
  assert.deepEqual(kinds(events), ['login-refused', 'message']);
  const [refused, exc] = events;
  assert.equal(refused.envelope, 'kubectl-timestamps');
  assert.equal(iso(refused.t), '2025-05-14T13:40:02.118Z');
  assert.equal(refused.kind === 'login-refused' && refused.user, 'alice@example.com');
  assert.equal(refused.pod, undefined);
  assert.deepEqual([exc.line, exc.lines], [2, 3]);
  assert.equal(iso(exc.t), '2025-05-14T13:40:03.000Z', 'envelope time, not the in-line 13:40:02.990');
  assert.equal(iso(exc.lt), '2025-05-14T13:40:02.990Z');
  assert.equal(exc.text, 'Uncaught exception GET /hub/home (10.0.2.15)\n    Traceback (most recent call last):\n    ZeroDivisionError: division by zero');
});

test('kubectl --prefix: pod and container kept; CHP lines keep their own time; no joining across pods', async () => {
  const { events } = await parse([
    `[pod/${POD}/hub] ${REFUSED}`,
    '[pod/proxy-5b8c9d6f7-abcde/chp] 22:14:58.690 [ConfigProxy] \x1b[32minfo\x1b[39m: Removing route /user/alice',
    '[pod/proxy-5b8c9d6f7-abcde/chp] 2025-05-14T10:22:00.602Z [ConfigProxy] \x1b[31merror\x1b[39m: 503 GET /user/bob/lab connect ECONNREFUSED 10.1.4.22:8888',
    `[pod/${POD}/hub] [E 2025-05-14 13:41:00.000 JupyterHub web:1973] Uncaught exception GET /hub/home (10.0.2.15)`,
    `[pod/${POD}/hub]     Traceback (most recent call last):`,
    '[pod/proxy-5b8c9d6f7-abcde/chp]     at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)',
  ].join('\n'));
  // The proxy's indented line continues no record of its pod in view: the tail of one that began before.
  assert.deepEqual(kinds(events), ['login-refused', 'proxy-route-removed', 'message', 'message', 'fragment']);
  const [refused, route, chp5, exc, stray] = events;
  assert.deepEqual([refused.envelope, refused.pod, refused.container], ['kubectl-prefix', POD, 'hub']);
  assert.equal(iso(refused.t), '2025-05-14T13:40:02.118Z', 'no envelope time: the in-line time');
  assert.deepEqual([route.pod, route.container, route.shape, route.level], ['proxy-5b8c9d6f7-abcde', 'chp', 'chp', 'I']);
  assert.equal(route.kind === 'proxy-route-removed' && route.user, 'alice');
  assert.equal(route.t, NaN, 'CHP 4.x prints no date');
  // CHP 5.x starts with an ISO time of its own: that is the line's time, not a kubectl envelope.
  assert.deepEqual([chp5.envelope, chp5.shape, chp5.level, iso(chp5.t)], ['kubectl-prefix', 'chp', 'E', '2025-05-14T10:22:00.602Z']);
  assert.equal(chp5.text, '503 GET /user/bob/lab connect ECONNREFUSED 10.1.4.22:8888');
  assert.deepEqual([exc.line, exc.lines], [4, 2]);
  assert.deepEqual([stray.line, stray.lines, stray.pod], [6, 1, 'proxy-5b8c9d6f7-abcde']);
});

test('kubectl --prefix --timestamps: prefix first, then the kubelet time (which wins)', async () => {
  const { events } = await parse(`[pod/${POD}/hub] 2025-05-14T13:40:03.500000000Z ${REFUSED}\n`);
  const ev = only(events, 'login-refused');
  assert.deepEqual([ev.envelope, ev.pod, ev.container, iso(ev.t), iso(ev.lt)], ['kubectl-prefix-timestamps', POD, 'hub', '2025-05-14T13:40:03.500Z', '2025-05-14T13:40:02.118Z']);
});

test('CRI node file: P pieces join into one record (first piece line and time), other streams interleave', async () => {
  const long = 'a'.repeat(3000);
  const text = [
    `2025-05-14T13:40:02.11873451Z stderr F ${REFUSED}`,
    `2025-05-14T13:40:04.5Z stderr P [I 2025-05-14 13:40:04.400 JupyterHub log:192] 404 GET /hub/api/x?q=${long}`,
    '2025-05-14T09:12:00.4121Z stdout F Loading /usr/local/etc/jupyterhub/secret/values.yaml',
    `2025-05-14T13:40:04.6Z stderr P ${long}`,
    '2025-05-14T13:40:04.7Z stderr F b (@10.0.2.15) 3.00ms',
    '2025-05-14T13:40:05Z stderr F [I 2025-05-14 13:40:05.000 JupyterHub log:192] 200 GET /hub/home (bob@10.0.2.15) 1.00ms',
  ].join('\n') + '\n';
  const { events, stats } = await parse(text);
  assert.equal(stats.lines, 6);
  assert.equal(sumLines(events), 6);
  const refused = only(events, 'login-refused');
  assert.deepEqual([refused.envelope, refused.line, iso(refused.t)], ['cri', 1, '2025-05-14T13:40:02.118Z']);
  const start = only(events, 'hub-start');
  assert.deepEqual([start.line, iso(start.t), start.shape], [3, '2025-05-14T09:12:00.412Z', 'z2jh']);
  const joined = events.find((e) => e.kind === 'access' && e.status === 404);
  assert.ok(joined && joined.kind === 'access');
  assert.deepEqual([joined.line, joined.lines, iso(joined.t), iso(joined.lt)], [2, 3, '2025-05-14T13:40:04.500Z', '2025-05-14T13:40:04.400Z']);
  assert.equal(joined.query, `q=${long}${long}b`);
  assert.deepEqual([joined.user, joined.ip, joined.durationMs], [null, '10.0.2.15', 3]);
  const after = events.find((e) => e.kind === 'access' && e.status === 200);
  assert.deepEqual([after?.line, iso(after?.t ?? NaN)], [6, '2025-05-14T13:40:05.000Z']);
});

test('CRI input that ends inside a partial line still yields its record, with the CRI envelope and time', async () => {
  const { events } = await parse("2025-05-14T13:40:09.25Z stderr P [W 2025-05-14 13:40:09.000 JupyterHub auth:534] User 'zed' not allo\n");
  assert.equal(events.length, 1);
  assert.deepEqual([events[0].envelope, events[0].line, events[0].lines, iso(events[0].t), events[0].shape], ['cri', 1, 1, '2025-05-14T13:40:09.250Z', 'jupyterhub']);
});

test('docker json-file: stream kept, a line split over objects (no trailing \\n) joins back', async () => {
  const text = [
    JSON.stringify({ log: `${REFUSED}\n`, stream: 'stderr', time: '2025-05-14T13:40:02.518734512Z' }),
    JSON.stringify({ log: '[I 2025-05-14 13:40:04.400 JupyterHub log:192] 404 GET /hub/api/x?q=aaaa', stream: 'stderr', time: '2025-05-14T13:40:04.5Z' }),
    JSON.stringify({ log: 'bbbb (@10.0.2.15) 3.00ms\n', stream: 'stderr', time: '2025-05-14T13:40:04.6Z' }),
  ].join('\n') + '\n';
  const { events } = await parse(text);
  assert.deepEqual(kinds(events), ['login-refused', 'access']);
  assert.deepEqual([events[0].envelope, iso(events[0].t), iso(events[0].lt)], ['docker-json', '2025-05-14T13:40:02.518Z', '2025-05-14T13:40:02.118Z']);
  assert.equal(events[0].text, "User 'alice@example.com' not allowed.", 'the trailing \\n is not part of the text');
  const a = events[1];
  assert.ok(a.kind === 'access');
  assert.deepEqual([a.line, a.lines, a.query, iso(a.t)], [2, 2, 'q=aaaabbbb', '2025-05-14T13:40:04.500Z']);
});

test('Cloud Logging NDJSON: timestamp (not receiveTimestamp) wins, level from the line (not severity), pod/container', async () => {
  const entry = {
    insertId: 'x1y2z3', labels: { 'compute.googleapis.com/resource_name': 'gke-pool-1-abcd', 'k8s-pod/component': 'hub' },
    logName: 'projects/my-proj/logs/stderr', receiveTimestamp: '2025-05-14T13:40:04.512345678Z',
    resource: { labels: { cluster_name: 'c1', container_name: 'hub', location: 'europe-west1', namespace_name: 'jhub', pod_name: POD, project_id: 'my-proj' }, type: 'k8s_container' },
    severity: 'ERROR', textPayload: REFUSED, timestamp: '2025-05-14T13:40:03.118734512Z',
  };
  const { events } = await parse(JSON.stringify(entry) + '\n');
  const ev = only(events, 'login-refused');
  assert.deepEqual([ev.envelope, ev.pod, ev.container, ev.level, iso(ev.t), iso(ev.lt)], ['cloud-logging', POD, 'hub', 'W', '2025-05-14T13:40:03.118Z', '2025-05-14T13:40:02.118Z']);
});

test('gcloud --format=json: a pretty-printed array, one event per entry, line ranges tile the file', async () => {
  const text = readFileSync(fixture('cloud-logging-array.json'), 'utf8');
  for (const chunks of [[text], text.match(/[\s\S]{1,7}/g)!]) {
    const { events, stats } = await parse(chunks);
    assert.deepEqual(kinds(events), ['login-refused', 'user-deleted']);
    assert.deepEqual(events.map((e) => [e.line, e.lines]), [[1, 19], [20, 16]]);
    assert.equal(stats.lines, 35);
    const del = events[1];
    assert.ok(del.kind === 'user-deleted');
    assert.deepEqual([del.target, del.actor, del.envelope, del.pod, iso(del.t)], ['alice@example.com', 'jupyterhub-idle-culler', 'cloud-logging', POD, '2025-05-14T10:22:00.601Z']);
  }
});

test('Loki logcli jsonl: labels give pod/container, a timestamp in another zone is converted to UTC', async () => {
  const rec = { labels: { container: 'hub', namespace: 'jhub', pod: POD, stream: 'stderr' }, line: REFUSED, timestamp: '2025-05-14T15:40:02.918734512+02:00' };
  const { events } = await parse(JSON.stringify(rec) + '\n');
  const ev = only(events, 'login-refused');
  assert.deepEqual([ev.envelope, ev.pod, ev.container, iso(ev.t)], ['loki', POD, 'hub', '2025-05-14T13:40:02.918Z']);
});

test('Fluent Bit documents: `log` with _p pieces, `message` (classic cri parser), `@timestamp` only', async () => {
  const k8s = { pod_name: POD, namespace_name: 'jhub', container_name: 'hub', host: 'node-1', labels: { app: 'jupyterhub', component: 'hub' } };
  const text = [
    { '@timestamp': '2025-05-14T13:40:02.118Z', time: '2025-05-14T13:40:02.21873451Z', stream: 'stderr', _p: 'F', log: REFUSED, kubernetes: k8s },
    { time: '2025-05-14T13:40:04.5Z', stream: 'stderr', _p: 'P', log: '[I 2025-05-14 13:40:04.400 JupyterHub base:937] User logged ', kubernetes: k8s },
    { time: '2025-05-14T13:40:04.6Z', stream: 'stderr', _p: 'F', log: 'in: bob', kubernetes: k8s },
    { time: '2025-05-14T13:40:05.1Z', stream: 'stderr', logtag: 'F', message: "[W 2025-05-14 13:40:05.000 JupyterHub auth:534] User 'carol' not allowed.", kubernetes: k8s },
    { '@timestamp': '2025-05-14T13:40:06.700Z', stream: 'stderr', log: "[W 2025-05-14 13:40:06.000 JupyterHub auth:534] User 'dave' not allowed.\n", kubernetes: { pod_name: 'hub-other', container_name: 'hub' } },
  ].map((o) => JSON.stringify(o)).join('\n') + '\n';
  const { events } = await parse(text);
  assert.deepEqual(kinds(events), ['login-refused', 'login-succeeded', 'login-refused', 'login-refused']);
  const [a, b, c, d] = events;
  assert.deepEqual([a.envelope, a.pod, a.container, iso(a.t)], ['fluent-bit', POD, 'hub', '2025-05-14T13:40:02.218Z']);
  assert.deepEqual([b.kind === 'login-succeeded' && b.user, b.line, b.lines, iso(b.t)], ['bob', 2, 2, '2025-05-14T13:40:04.500Z']);
  assert.deepEqual([c.kind === 'login-refused' && c.user, iso(c.t)], ['carol', '2025-05-14T13:40:05.100Z']);
  assert.deepEqual([d.kind === 'login-refused' && d.user, d.pod, iso(d.t)], ['dave', 'hub-other', '2025-05-14T13:40:06.700Z']);
});

test('one stream may mix envelopes: each line is unwrapped on its own', async () => {
  const { events } = await parse([
    `2025-05-14T13:40:02.11873451Z stderr F ${REFUSED}`,
    `[pod/${POD}/hub] ${REFUSED}`,
    JSON.stringify({ log: `${REFUSED}\n`, stream: 'stderr', time: '2025-05-14T13:40:02.5Z' }),
    REFUSED,
  ].join('\n'));
  assert.deepEqual(events.map((e) => e.envelope), ['cri', 'kubectl-prefix', 'docker-json', 'plain']);
  assert.deepEqual(kinds(events), ['login-refused', 'login-refused', 'login-refused', 'login-refused']);
});

// Times as `hubsleuth events` prints them: in-line times have no zone and are read in --tz.
const TZ_INPUT = [
  '[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.',
  '[I 250514 10:22:00 __init__:371] Culling user alice (inactive for 1:13:59.512345)',
  '[W 2025-01-20 20:16:20.174 JupyterHub log:192] 403 GET /hub/api/users?state=[secret] (jupyterhub-idle-culler@::1) 1.65ms',
  `2025-05-14T13:40:09.118734512Z [W 2025-05-14 13:40:09.118 JupyterHub auth:534] User 'bob' not allowed.`,
  '22:14:58.690 [ConfigProxy] \x1b[32minfo\x1b[39m: Removing route /user/alice',
].join('\n') + '\n';

async function eventTimes(args: string[]): Promise<Array<string | null>> {
  const r = await runCli(['events', ...args], { input: TZ_INPUT });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { time: string | null }).time);
}

test('events: in-line times without a zone are UTC by default', async () => {
  assert.deepEqual(await eventTimes([]), ['2025-05-14T13:40:02.118Z', '2025-05-14T10:22:00.000Z', '2025-01-20T20:16:20.174Z', '2025-05-14T13:40:09.118Z', null]);
});

test('events --tz Europe/Berlin: summer +02:00, winter +01:00; envelope times are untouched', async () => {
  assert.deepEqual(await eventTimes(['--tz', 'Europe/Berlin']), ['2025-05-14T11:40:02.118Z', '2025-05-14T08:22:00.000Z', '2025-01-20T19:16:20.174Z', '2025-05-14T13:40:09.118Z', null]);
});

test('events --tz +02:00: a fixed offset all year', async () => {
  assert.deepEqual(await eventTimes(['--tz', '+02:00']), ['2025-05-14T11:40:02.118Z', '2025-05-14T08:22:00.000Z', '2025-01-20T18:16:20.174Z', '2025-05-14T13:40:09.118Z', null]);
});

test('events --tz with an unknown zone: exit 2 and one line naming it', async () => {
  const r = await runCli(['events', '--tz', 'Mars/Olympus'], { input: TZ_INPUT });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "hubsleuth: unknown time zone 'Mars/Olympus' (use an IANA name like Europe/Berlin, or ±HH:MM)\n");
});
