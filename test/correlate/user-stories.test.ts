// Each user's story and the server findings, through the built CLI on logs composed from the
// upstream templates: JupyterHub's server lines (handlers/base.py, user.py, app.py, proxy.py of
// 1.5, 3.0, 4.1 and 5.3), KubeSpawner 7's pod creation and reflector, jupyterhub-idle-culler 1.x.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, ReportJson as Report, UserStep } from '../../src/core/model/report.js';
import { runCli } from '../helpers/cli.js';

const START = '[I 2025-05-14 08:00:00.100 JupyterHub app:2859] Running JupyterHub version 4.1.5';
const CULLER = "[I 2025-05-14 08:00:01.310 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--url=http://localhost:8081/hub/api', '--timeout=3600', '--cull-every=600', '--concurrency=10', '--max-age=86400', '--cull-users']";

async function analyze(lines: string[], ...args: string[]): Promise<Report> {
  const r = await runCli(['analyze', '--format', 'json', '--exit-zero', ...args, '-'], { input: lines.join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

/** A story as `kind@line` plus the fields that tell it. */
function told(r: Report, user: string): string[] {
  const u = (r.users ?? []).find((x) => x.user === user);
  assert.ok(u, `no story of ${user}: ${JSON.stringify(r.users?.map((x) => x.user))}`);
  return u.story.map(tell);
}

function tell(s: UserStep): string {
  const base = `${s.kind}@${s.line}`;
  switch (s.kind) {
    case 'stop': return `${base} by=${s.by} reason=${s.reason}${s.inactive ? ` inactive=${s.inactive}` : ''}${s.exitCode !== null ? ` exit=${s.exitCode}` : ''}${s.actor ? ` actor=${s.actor}` : ''}`;
    case 'spawn-failed': return `${base} ${s.reason}${s.exitCode !== null ? ` exit=${s.exitCode}` : ''}`;
    case 'spawn-started': return `${base} ${s.seconds}s`;
    case 'spawn-pending': return `${base} ${s.detail}`;
    case 'deleted': return `${base} by=${s.by}`;
    case 'refused': return `${base} ${s.status} ${s.cause}`;
    case 'restart': return `${base} ${s.version}`;
    default: return base;
  }
}

const finding = (r: Report, kind: string): Finding | undefined => r.findings.find((f) => f.kind === kind);

test('the culler stops an idle server, then deletes its user, who is refused: one story, in order, with a restart inside it', async () => {
  const r = await analyze([
    START, CULLER,
    '[I 2025-05-14 08:10:00.001 JupyterHub base:937] User logged in: alice',
    '[I 2025-05-14 08:10:00.143 JupyterHub spawner:2891] Attempting to create pod jupyter-alice, with timeout 3',
    '[I 2025-05-14 08:10:03.655 JupyterHub base:1091] User alice took 3.512 seconds to start',
    '[I 250514 09:12:00 __init__:250] Culling server alice (age: 01:02:00, inactive for 01:01:58)',
    '[I 2025-05-14 09:12:00.420 JupyterHub spawner:2849] Deleting pod jhub/jupyter-alice',
    '[I 2025-05-14 09:12:03.655 JupyterHub base:1297] User alice server took 3.243 seconds to stop',
    '[I 2025-05-14 09:12:03.657 JupyterHub log:192] 204 DELETE /hub/api/users/alice/server (jupyterhub-idle-culler@::1) 3262.11ms',
    '[I 250514 10:22:00 __init__:378] Culling user alice (age: 02:12:00, inactive for 02:11:58)',
    '[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice (jupyterhub-idle-culler@::1) 85.12ms',
    '[I 2025-05-14 12:00:00.100 JupyterHub app:2859] Running JupyterHub version 4.1.5',
    "[W 2025-05-14 11:40:02.100 JupyterHub auth:534] User 'alice' not allowed.",
    '[W 2025-05-14 11:40:02.120 JupyterHub web:1873] 403 GET /hub/oauth_callback?state=[secret]&code=[secret] (@10.0.2.15): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.',
    '[W 2025-05-14 11:40:02.121 JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret]&code=[secret] (@10.0.2.15) 311.40ms',
    '[I 2025-05-14 12:05:00.001 JupyterHub base:937] User logged in: alice',
  ]);
  assert.deepEqual(told(r, 'alice'), [
    'login@3', 'spawn-requested@4', 'spawn-started@5 3.512s',
    // Inactive past the 3600 s timeout, younger than the 86400 s max age: culled as idle.
    'stop@8 by=culler reason=idle inactive=01:01:58 actor=jupyterhub-idle-culler',
    'deleted@11 by=culler', 'refused@15 403 deleted-by-culler', 'restart@12 4.1.5', 'login@16',
  ]);
  assert.deepEqual(r.users?.map((u) => u.user), ['alice']);
});

test('a server older than the max age and not idle is culled for its age', async () => {
  const r = await analyze([
    START, CULLER,
    '[I 2025-05-15 08:10:03.655 JupyterHub base:1091] User bob took 2.000 seconds to start',
    '[I 250515 09:12:00 __init__:250] Culling server bob (age: 1 day, 01:02:00, inactive for 00:05:00)',
    '[I 2025-05-15 09:12:01.655 JupyterHub base:1297] User bob server took 1.243 seconds to stop',
    '[I 2025-05-15 09:12:01.657 JupyterHub log:192] 204 DELETE /hub/api/users/bob/server (jupyterhub-idle-culler@::1) 1262.11ms',
  ]);
  assert.deepEqual(told(r, 'bob'), ['spawn-started@3 2s', 'stop@5 by=culler reason=max-age inactive=00:05:00 actor=jupyterhub-idle-culler']);
});

test('stopped by the user, by an admin (answered 202, the stop line after), by the hub at its shutdown', async () => {
  const r = await analyze([
    START,
    '[I 2025-05-14 08:50:03.655 JupyterHub base:1297] User bob server took 1.243 seconds to stop',
    '[I 2025-05-14 08:50:03.660 JupyterHub log:192] 204 DELETE /hub/api/users/bob/server (bob@10.0.2.16) 1262.11ms',
    '[I 2025-05-14 09:00:10.100 JupyterHub log:192] 202 DELETE /hub/api/users/carol/server (admin@10.0.2.17) 10003.00ms',
    '[W 2025-05-14 09:00:10.100 JupyterHub base:1331] User carol: server is slow to stop (timeout=10)',
    '[I 2025-05-14 09:00:25.000 JupyterHub base:1297] User carol server took 25.010 seconds to stop',
    '[C 2025-05-14 10:00:00.000 JupyterHub app:3336] Received signal SIGTERM, initiating shutdown...',
    '[I 2025-05-14 10:00:00.100 JupyterHub app:3616] Cleaning up single-user servers...',
    '[I 2025-05-14 10:00:02.000 JupyterHub base:1297] User dave server took 1.900 seconds to stop',
  ]);
  assert.deepEqual(told(r, 'bob'), ['stop@2 by=user reason=null actor=bob']);
  assert.deepEqual(told(r, 'carol'), ['stop@6 by=admin reason=null actor=admin']);
  assert.deepEqual(told(r, 'dave'), ['stop@9 by=hub reason=shutdown']);
  assert.equal(finding(r, 'servers-stuck'), undefined, 'a slow stop that finished is not stuck');
});

test('a server that keeps crashing: three exits within the hour are a crash loop', async () => {
  const r = await analyze([
    START,
    // JupyterHub 5.3 base.py's poll callback; app.py's check at a start writes it without the comma.
    '[W 2025-05-14 09:30:00.001 JupyterHub base:1307] User carol server stopped, with exit code: 137',
    '[W 2025-05-14 09:40:00.001 JupyterHub base:1307] User carol server stopped, with exit code: 1',
    '[W 2025-05-14 09:50:00.001 JupyterHub app:2995] User carol server stopped with exit code: unknown',
  ]);
  assert.deepEqual(told(r, 'carol'), [
    'stop@2 by=crash reason=exit-code exit=137', 'stop@3 by=crash reason=exit-code exit=1', 'stop@4 by=crash reason=exit-code',
  ]);
  const f = finding(r, 'servers-crashed');
  assert.equal(f?.severity, 'error');
  assert.deepEqual(f?.users, ['carol']);
  assert.match(f?.summary ?? '', /^3 servers of 1 user ended without anyone stopping them \(exit-code 3\)\. Crash loop \(3 or more within an hour\): carol\.$/);
  assert.equal(f?.evidence.length, 3);
});

test('spawns that fail: a start timeout, a server that never answered, a process that exited, an error; each told once', async () => {
  const r = await analyze([
    START,
    '[I 2025-05-14 08:10:00.143 JupyterHub spawner:2891] Attempting to create pod jupyter-dave, with timeout 3',
    '[W 2025-05-14 08:10:10.100 JupyterHub base:1191] User dave is slow to start (timeout=10)',
    "[W 2025-05-14 08:15:00.000 JupyterHub user:824] dave's server failed to start in 300 seconds, giving up.",
    '    Common causes of this timeout, and debugging tips:',
    // JupyterHub 1.5's wording, without the final stop.
    "[W 2019-03-01 10:00:30.000 JupyterHub user:768] erin's server never showed up at http://10.0.0.7:8888/user/erin/ after 30 seconds. Giving up",
    // A spawner whose process exits: the spawn request's 500, as tornado logs it.
    '[E 2025-05-14 08:20:10.500 JupyterHub web:1873] 500 GET /hub/spawn/frank (frank@10.0.2.15): Spawner failed to start [status=1]. The logs for frank may contain details.',
    '[E 2025-05-14 08:20:10.501 JupyterHub log:184] 500 GET /hub/spawn/frank (frank@10.0.2.15) 10012.40ms',
    "[E 2025-05-14 08:30:01.000 JupyterHub user:888] Unhandled error starting gina's server: (422) Reason: Unprocessable Entity",
  ]);
  assert.deepEqual(told(r, 'dave'), ['spawn-requested@2', 'spawn-pending@3 slow to start: the spawn goes on in the background', 'spawn-failed@4 timeout']);
  assert.deepEqual(told(r, 'erin'), ['spawn-failed@6 no-response']);
  assert.deepEqual(told(r, 'frank'), ['spawn-failed@7 exited exit=1']);
  assert.deepEqual(told(r, 'gina'), ['spawn-failed@9 error']);
  const f = finding(r, 'spawn-failures');
  assert.deepEqual(f?.users, ['dave', 'erin', 'frank', 'gina']);
  assert.equal(f?.summary, "4 spawns failed, for 4 users (timeout 1, no-response 1, exited 1, error 1). Each user's story (--user NAME) shows the failure in its place.");
  assert.equal(f?.remediation?.length, 4);
});

test('--user tells one story in the text report, and narrows users[] in JSON', async () => {
  const lines = [
    START,
    '[I 2025-05-14 08:10:00.001 JupyterHub base:937] User logged in: alice',
    '[I 2025-05-14 08:10:03.655 JupyterHub base:1091] User alice took 3.512 seconds to start',
    '[I 2025-05-14 08:20:00.001 JupyterHub base:937] User logged in: bob',
  ];
  const json = await analyze(lines, '--user', 'alice');
  assert.deepEqual(json.users?.map((u) => u.user), ['alice']);
  const text = await runCli(['analyze', '--exit-zero', '--user', 'alice', '-'], { input: lines.join('\n') + '\n' });
  const story = text.stdout.slice(text.stdout.indexOf('Story of alice'));
  assert.deepEqual(story.split('\n').slice(0, 3), [
    'Story of alice (2 steps)',
    '  2025-05-14 08:10:00 logged in (-:2)',
    '  2025-05-14 08:10:03 server started — after 3.512 s (-:3)',
  ]);
});

test("the proxy lost routes: the hub adds them back, and the 503s of those servers meanwhile", async () => {
  const r = await analyze([
    START,
    '[E 2025-05-14 10:00:01.000 JupyterHub log:184] 503 GET /user/erin/lab (erin@10.0.0.9) 2.00ms',
    '[W 2025-05-14 10:00:05.000 JupyterHub proxy:418] Adding missing route for /user/erin/ (Server(url=http://10.0.0.5:8888/user/erin/, bind_url=http://10.0.0.5:8888/user/erin/))',
  ]);
  const f = finding(r, 'routes-lost');
  assert.deepEqual(f?.users, ['erin']);
  assert.deepEqual(f?.evidence.map((e) => e.line), [2, 3]);
  assert.match(f?.summary ?? '', /^the hub found 1 route missing from the proxy and added it back; 1 request to the servers of 1 user was answered 503: /);
});

test("KubeSpawner's reflector giving up, and a start that stays pending: findings with what to do", async () => {
  const r = await analyze([
    START,
    '[E 2025-05-14 08:20:00.000 JupyterHub reflector:367] Error when watching resources, retrying in 0.2s',
    '[E 2025-05-14 08:21:00.000 JupyterHub reflector:363] Watching resources never recovered, giving up',
    '[W 2025-05-14 08:30:00.100 JupyterHub base:1191] User frank is slow to start (timeout=10)',
    '[I 2025-05-14 09:00:00.000 JupyterHub base:937] User logged in: gina',
  ]);
  const reflector = finding(r, 'reflector-stopped');
  assert.equal(reflector?.severity, 'error');
  assert.match(reflector?.summary ?? '', /after 1 retry\).*No hub start came after it in the log/);
  const stuck = finding(r, 'servers-stuck');
  assert.deepEqual(stuck?.users, ['frank']);
  assert.match(stuck?.summary ?? '', /^1 start pending \(frank\) when the log ends, 15 minutes or more after the hub called it slow\./);
});

test("Kubernetes Events beside the hub's log: evictions and scale-downs end servers, a pod waiting for a node or an image is a pending spawn; both Event schemas tell the same", async () => {
  const stories = async (events: string) => {
    const r = await runCli(['analyze', '--format', 'json', '--exit-zero', 'samples/incident-two-days.log', `test/fixtures/k8s-events/${events}`]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const fromEvents = (report.users ?? []).flatMap((u) => u.story.filter((s) => s.source.includes('k8s-events')).map((s) => `${u.user} ${tell(s).replace(/@\d+/, '')}`));
    return { report, fromEvents };
  };
  const core = await stories('events.json');
  assert.deepEqual(core.fromEvents, [
    'bob spawn-pending TriggeredScaleUp: pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/hub-prod/zones/us-central1-a/instanceGroups/gke-jhub-user-pool-3f1c0a2b-grp 1->2 (max: 10)}]',
    'bob spawn-pending FailedScheduling: 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    'carol stop by=crash reason=evicted',
    'dana@example.org spawn-pending Failed: Failed to pull image "quay.io/jupyter/datascience-notebook:2025-05-1": rpc error: code = NotFound desc = failed to pull and unpack image "quay.io/jupyter/datascience-notebook:2025-05-1": failed to resolve reference "quay.io/jupyter/datascience-notebook:2025-05-1": quay.io/jupyter/datascience-notebook:2025-05-1: not found',
    'dana@example.org spawn-pending BackOff: Back-off pulling image "quay.io/jupyter/datascience-notebook:2025-05-1"',
    'erin stop by=crash reason=scale-down',
  ]);
  const v1 = await stories('events-v1.json');
  assert.deepEqual(v1.fromEvents, core.fromEvents);
  const crashed = finding(core.report, 'servers-crashed');
  assert.equal(crashed?.summary, '2 servers of 2 users ended without anyone stopping them (evicted 1, scale-down 1).');
  assert.deepEqual(crashed?.evidence.map((e) => e.text.split(':')[0]), ['Warning Evicted Pod/jupyter-carol', 'Normal ScaleDown Pod/jupyter-erin']);
});
