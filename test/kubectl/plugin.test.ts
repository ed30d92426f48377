// `kubectl hubsleuth` through the real kubectl: kubectl finds the plugin on PATH, the plugin runs
// kubectl, kubectl talks to a Kubernetes API stand-in serving the incident sample as a hub pod's
// logs. The report must be the one `kubectl logs … | hubsleuth` gives on the same logs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI, ROOT, sample } from '../helpers/cli.js';
import { skipUnless } from '../helpers/skip.js';
import { tempDir } from '../helpers/tmp.js';
import { startStandIn, writeKubeconfig, type StandIn, type StandInPod } from './api-stand-in.js';

const PLUGIN = resolve(ROOT, 'dist/src/cli/kubectl/main.js');
const haveKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const skip = skipUnless(haveKubectl, 'kubectl (Debian\'s kubernetes-client)');

const work = tempDir('kubectl');
const bin = join(work, 'bin');
mkdirSync(bin);
for (const [name, entry] of [['hubsleuth', CLI], ['kubectl-hubsleuth', PLUGIN]]) {
  writeFileSync(join(bin, name), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(entry)} "$@"\n`);
  chmodSync(join(bin, name), 0o755);
}

// The sample is two runs of one hub: split at the second start (the chart's config prints come
// first), it is a hub container that restarted once: the previous one, then the current one.
const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split(/(?<=\n)/);
const cut = lines.findIndex((l, i) => i > 0 && l.startsWith('Loading /usr/local/etc/jupyterhub/secret/values.yaml'));
const BEFORE = lines.slice(0, cut).join('');
const NOW = lines.slice(cut).join('');
const HUB_LABELS = { app: 'jupyterhub', component: 'hub', release: 'jhub', 'hub.jupyter.org/network-access-proxy-api': 'true' };
const POD = 'hub-7d9f6c5b8-x2k4p';
const hubPod = (p: Partial<StandInPod> & { name: string }): StandInPod => ({ labels: HUB_LABELS, created: '2025-05-13T07:57:40Z', container: 'hub', log: NOW, ...p });

interface Run { code: number | null; stdout: string; stderr: string }

describe('kubectl hubsleuth', { skip }, () => {
  let api: StandIn;
  let env: NodeJS.ProcessEnv;
  // Asynchronous: the stand-in answers kubectl from this process's event loop.
  const sh = (command: string, extra: NodeJS.ProcessEnv = {}): Promise<Run> => new Promise((done, fail) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', command], { cwd: work, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });

  before(async () => {
    assert.ok(haveKubectl, 'kubectl is missing: CI installs Debian\'s kubernetes-client (.ci/run)');
    api = await startStandIn({
      jhub: { pods: [
        hubPod({ name: POD, previous: BEFORE }),
        { name: 'proxy-6d8f9b7c4-q7w2e', labels: { app: 'jupyterhub', component: 'proxy' }, created: '2025-05-01T00:00:00Z', container: 'chp', log: 'not the hub\n' },
      ] },
      // A rollout: the old pod still there beside the new one, neither restarted.
      rollout: { pods: [hubPod({ name: 'hub-5c4b7d9f8-b9n3m', log: NOW, created: '2025-05-14T10:31:40Z' }), hubPod({ name: 'hub-66f7d8c9b-k2l5p', log: BEFORE })] },
      empty: { pods: [] },
      locked: { pods: [], forbidden: 'pods is forbidden: User "system:serviceaccount:jhub:viewer" cannot list resource "pods" in API group "" in the namespace "locked"' },
      broken: { pods: [hubPod({ name: POD, logFailure: { code: 500, reason: 'InternalError', message: 'kubelet is unreachable' } })] },
      slow: { pods: [hubPod({ name: POD, logStalls: true })] },
    });
    const home = join(work, 'home');
    mkdirSync(home);
    // HOME: kubectl's discovery cache goes there, not into the user's ~/.kube.
    env = { ...process.env, NO_COLOR: '1', HOME: home, KUBECONFIG: writeKubeconfig(work, api.url), PATH: `${bin}:${process.env.PATH ?? ''}` };
  });
  after(() => api?.close());

  test('-n jhub --since 48h: the report of `kubectl logs … | hubsleuth`, byte for byte', async () => {
    api.requests.length = 0;
    const plugin = await sh('kubectl hubsleuth -n jhub --since 48h');
    const asked = api.requests.filter((r) => r.includes('/pods'));
    const piped = await sh(`kubectl logs ${POD} -n jhub -c hub --since=48h | hubsleuth`);
    assert.equal(piped.code, 1, piped.stderr);
    assert.match(piped.stdout, /^hubsleuth 0\.1\.0 — 841 lines from 1 input\n/);
    assert.equal(plugin.stderr, '');
    assert.equal(plugin.code, 1);
    assert.equal(plugin.stdout, piped.stdout);
    // One list with the chart's hub labels, then the hub container's log of the last 48 hours.
    assert.deepEqual(asked, [
      '/api/v1/namespaces/jhub/pods?labelSelector=app%3Djupyterhub%2Ccomponent%3Dhub&limit=500',
      `/api/v1/namespaces/jhub/pods/${POD}`,
      `/api/v1/namespaces/jhub/pods/${POD}/log?container=hub&sinceSeconds=172800`,
    ]);
  });

  test('--previous: the container before the restart merged by time with the current one', async () => {
    const both = await sh('kubectl hubsleuth -n jhub --since 48h --previous');
    assert.equal(both.code, 1, both.stderr);
    // The README's way by hand: each container's log to a file, both given to hubsleuth.
    const byHand = await sh(`kubectl logs ${POD} -n jhub --previous > before.log && kubectl logs ${POD} -n jhub > now.log && hubsleuth before.log now.log`);
    assert.equal(both.stdout, byHand.stdout);
    assert.match(both.stdout, /^hubsleuth 0\.1\.0 — 2203 lines from 2 inputs\n/);
    // The culler's deletions before the restart and again after it: one story across both containers.
    assert.match(both.stdout, /\[error\] The deletions came back after a hub restart \(pattern-recurred\): The\n {2}culler deleted users again after the hub restart at 2025-05-14 10:31:52/);
    assert.match(both.stdout, /^Incidents \(15\)$/m);
    const current = await sh('kubectl hubsleuth -n jhub --since 48h');
    assert.doesNotMatch(current.stdout, /pattern-recurred/);
    assert.match(current.stdout, /^Incidents \(7\)$/m);

    // Merged by time, the two containers are the sample itself: the same incidents and refusals.
    const json = JSON.parse((await sh('kubectl hubsleuth -n jhub --previous --format json')).stdout) as Record<string, unknown> & { inputs: Array<{ source: string }> };
    const whole = JSON.parse((await sh(`hubsleuth --format json ${JSON.stringify(sample('incident-two-days.log'))}`)).stdout) as Record<string, unknown>;
    assert.deepEqual(json.inputs.map((i) => i.source), [`pod/${POD}/hub (previous)`, `pod/${POD}/hub`]);
    // Each piece of evidence names its container's log and its line there: the same line of the sample.
    const asWhole = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(asWhole);
      if (v === null || typeof v !== 'object') return v;
      const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asWhole(x)]));
      if (o.source === `pod/${POD}/hub (previous)`) return { ...o, source: sample('incident-two-days.log') };
      if (o.source === `pod/${POD}/hub`) return { ...o, source: sample('incident-two-days.log'), line: (o.line as number) + cut };
      return o;
    };
    for (const key of ['verdict', 'incidents', 'denials', 'findings', 'causes', 'hubStarts', 'culler']) assert.deepEqual(asWhole(json[key]), whole[key], key);
  });

  test('every hub pod of the deployment, oldest first; a pod that never restarted has no previous log', async () => {
    const r = await sh('kubectl hubsleuth -n rollout --previous --format json');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, [
      'hubsleuth: note: pod hub-66f7d8c9b-k2l5p: no previous hub container (it has not restarted)',
      'hubsleuth: note: pod hub-5c4b7d9f8-b9n3m: no previous hub container (it has not restarted)', ''].join('\n'));
    const names = (JSON.parse(r.stdout) as { inputs: Array<{ source: string }> }).inputs.map((i) => i.source);
    assert.deepEqual(names, ['pod/hub-66f7d8c9b-k2l5p/hub', 'pod/hub-5c4b7d9f8-b9n3m/hub']);
    const text = await sh('kubectl hubsleuth -n rollout -q');
    const byHand = await sh(`kubectl logs ${POD} -n jhub --previous > before.log && kubectl logs ${POD} -n jhub > now.log && hubsleuth before.log now.log`);
    assert.equal(text.stdout, byHand.stdout);
  });

  test('--context, -l, and the report options pass through', async () => {
    api.requests.length = 0;
    // The context `other` has the namespace jhub; -l names the labels of an older chart's hub.
    const r = await sh('kubectl hubsleuth --context other -l component=hub --since 2025-05-13T00:00:00Z --user bob --format markdown -o incident.md');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'wrote incident.md: markdown, 1 incident\n');
    assert.match(readFileSync(join(work, 'incident.md'), 'utf8'), /^# /);
    assert.ok(api.requests.includes('/api/v1/namespaces/jhub/pods?labelSelector=component%3Dhub&limit=500'), api.requests.join('\n'));
    assert.ok(api.requests.includes(`/api/v1/namespaces/jhub/pods/${POD}/log?container=hub&sinceTime=2025-05-13T00%3A00%3A00Z`), api.requests.join('\n'));
  });

  test('no hub pod, the API refusing, a log that fails: one line naming what failed, exit 2', async () => {
    const cases: Array<[string, string]> = [
      ['-n empty', 'hubsleuth: no hub pod in namespace empty matches -l app=jupyterhub,component=hub (name the hub\'s namespace with -n, its labels with -l)\n'],
      ['-n locked', 'hubsleuth: kubectl get pods -l app=jupyterhub,component=hub failed: Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:jhub:viewer" cannot list resource "pods" in API group "" in the namespace "locked"\n'],
      ['-n broken', `hubsleuth: kubectl logs ${POD} -c hub failed: Error from server (InternalError): kubelet is unreachable\n`],
    ];
    for (const [args, line] of cases) {
      const tmp = mkdtempSync(join(work, 'tmp-'));
      const r = await sh(`kubectl hubsleuth ${args}`, { TMPDIR: tmp });
      assert.deepEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 2, stdout: '', stderr: line }, args);
      assert.deepEqual(readdirSync(tmp), [], `${args}: the fetched logs are removed`);
    }
  });
  test('Ctrl-C while kubectl is still fetching the log: exit 130, no output, the fetched part removed', async () => {
    const tmp = mkdtempSync(join(work, 'tmp-'));
    api.requests.length = 0;
    // Its own process group, as a terminal's foreground job: Ctrl-C reaches kubectl and the plugin alike.
    const child = spawn(join(bin, 'kubectl-hubsleuth'), ['-n', 'slow'], { cwd: work, env: { ...env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const ended = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const deadline = Date.now() + 30_000;
    while (!api.requests.some((r) => r.includes(`/pods/${POD}/log`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(api.requests.some((r) => r.includes(`/pods/${POD}/log`)), 'kubectl asked for the log');
    // The part of the log already written is on disk now: that is what must not stay behind.
    await new Promise((r) => setTimeout(r, 300));
    process.kill(-child.pid!, 'SIGINT');
    assert.equal(await ended, 130, stderr);
    assert.equal(stdout, '');
    assert.deepEqual(readdirSync(tmp), [], 'the fetched log is removed');
  });
});

test('kubectl-hubsleuth without kubectl on PATH: one line saying so, exit 2', () => {
  const r = spawnSync(join(bin, 'kubectl-hubsleuth'), ['-n', 'jhub'], { encoding: 'utf8', env: { PATH: bin, NO_COLOR: '1' } });
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'hubsleuth: kubectl not found on PATH: kubectl hubsleuth reads the hub\'s logs with your kubectl; install it or add it to PATH\n');
  assert.equal(r.status, 2);
});
