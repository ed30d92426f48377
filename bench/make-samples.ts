// Regenerates samples/*.log and their expected.json from scripted scenarios run through the
// simulation (bench/lib/sim.ts). The scripts say what people and operators did; the log lines,
// culls and refusals follow from the simulated hub state, and the expected truth is recorded from
// the lines actually written.  Usage: node dist/bench/make-samples.js [outDir=samples]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng, seedFrom } from './lib/prng.js';
import { Out } from './lib/out.js';
import { Truth } from './lib/truth.js';
import { Sim, type SimConfig } from './lib/sim.js';
import { wrap, type EnvelopeName, type Stream, POD, NAMESPACE, NODE } from './lib/envelope.js';
import { rfc3339Nano } from './lib/fmt.js';

const D1 = Date.UTC(2025, 4, 13); // Tuesday 2025-05-13
/** 'D1 08:04' / 'D2 10:31:45' → ms */
const T = (s: string) => {
  const [d, hms] = s.split(' ');
  const [h, m, sec = '0'] = hms.split(':');
  return D1 + (Number(d.slice(1)) - 1) * 86400000 + ((Number(h) * 60 + Number(m)) * 60 + Number(sec)) * 1000;
};

type Line = { line: string; stream: Stream; ns: bigint };
interface Run { truth: Truth; lines: Line[]; out: Out }

/** Run a scenario to completion; lines within `window` are kept for re-wrapping. */
async function run(cfg: SimConfig, seed: string, end: number, script: (s: Sim) => void, window?: [number, number]): Promise<Run> {
  const rng = new Rng(seedFrom(seed));
  const lines: Line[] = [];
  const truth = new Truth();
  const out = new Out(null, { envelope: 'plain', window, tap: (line, stream, ns) => lines.push({ line, stream, ns }) }, () => rng.int(0, 999999));
  const sim = new Sim(cfg, out, truth, rng);
  script(sim);
  await sim.run(end);
  await out.end();
  return { truth, lines, out };
}

const USERS = [
  { name: 'admin-alice', admin: true }, { name: 'bob' }, { name: 'carol' }, { name: 'dana@example.org' },
  { name: 'erin' }, { name: 'frank' }, { name: 'grace' }, { name: 'mallory', allowed: false },
];

/** The #3666 incident over two days: culls, refusals, a restart that fixes it, recurrence. */
/** Scripted times get human jitter (seconds when the script gives minutes), except pinned callbacks. */
const J = (s: Sim, at: string, pinned = false) => T(at) + (pinned ? 0 : at.split(':').length > 2 ? s.rng.range(0, 999) : s.rng.range(0, 59000));

function incident(s: Sim) {
  const v = (at: string, name: string, o: Parameters<Sim['visit']>[1] = {}) => s.at(J(s, at, o.callbackAt !== undefined), () => s.visit(name, o));
  s.at(J(s, 'D1 07:58:12'), () => s.start(s.now)); // fresh chart install: configured users created, no activity yet
  v('D1 08:04', 'admin-alice', { session: 170 });
  v('D1 08:15', 'grace', { session: 470 });
  v('D1 08:40', 'bob', { session: 90 });
  v('D1 08:45', 'dana@example.org', { session: 60 });
  v('D1 08:52', 'carol', { session: 120 });
  v('D1 08:50', 'erin', { session: 100 });
  // frank never logs in on the first morning: the culler deletes him an hour after the install
  s.at(J(s, 'D1 10:50'), () => s.adminDelete('admin-alice', 'erin'));
  v('D1 13:02', 'frank', { retries: [3] });
  v('D1 13:30', 'erin');
  v('D1 14:05', 'bob', { retries: [3] });
  s.at(J(s, 'D1 14:20'), () => s.crash('grace'));
  v('D1 15:10', 'mallory', { retries: [2] });
  // two refused logins in flight at once (callbacks 15 ms apart, overlapping durations)
  v('D1 15:29:50', 'carol', { callbackAt: T('D1 15:30:02') + 290, callbackMs: 412.5 });
  v('D1 15:29:53', 'dana@example.org', { callbackAt: T('D1 15:30:02') + 305, callbackMs: 318.25 });
  v('D1 16:20', 'admin-alice', { session: 30 }); // culled at noon, but admins pass the allow check
  s.at(J(s, 'D1 19:12:31'), () => s.xsrf('10.0.3.21'));
  v('D1 21:40', 'bob');
  v('D2 08:30', 'grace');
  v('D2 08:50', 'dana@example.org');
  v('D2 09:15', 'bob');
  v('D2 09:55', 'admin-alice', { session: 60 });
  s.restart(J(s, 'D2 10:31:07')); // `kubectl rollout restart deploy/hub` after the complaints
  v('D2 10:45', 'grace', { session: 120 });
  v('D2 10:50', 'bob', { session: 100 });
  v('D2 11:05', 'dana@example.org', { session: 120 });
  v('D2 11:10', 'carol', { session: 60 });
  v('D2 11:20', 'erin', { session: 40 });
  // frank does not log in after the restart: re-created with no activity, culled again (at risk)
  s.at(J(s, 'D2 14:30:12'), () => s.probeLong());
  v('D2 16:20', 'grace', { retries: [2] });
  v('D2 17:10', 'bob');
  v('D2 18:00', 'dana@example.org');
  v('D3 07:30', 'dana@example.org');
}

/** Culler without --cull-users: servers are culled, users stay; people come back and log in. */
function healthy(s: Sim) {
  const v = (at: string, name: string, session: number) => s.at(J(s, at), () => s.visit(name, { session }));
  s.at(J(s, 'D1 06:55:40'), () => s.start(s.now));
  v('D1 07:40', 'bob', 80); v('D1 08:10', 'carol', 150); v('D1 08:30', 'dana@example.org', 45);
  v('D1 09:05', 'grace', 240); v('D1 13:15', 'bob', 60); v('D1 14:00', 'dana@example.org', 90);
  v('D1 16:30', 'carol', 30); v('D2 07:50', 'bob', 60); v('D2 08:20', 'grace', 30);
}

/** 403s that are not the culler's: xsrf-less form posts and people never on the allow list. */
function xsrfNotAllowed(s: Sim) {
  const v = (at: string, name: string, o: Parameters<Sim['visit']>[1] = {}) => s.at(J(s, at), () => s.visit(name, o));
  s.at(J(s, 'D1 07:12:03'), () => s.start(s.now));
  v('D1 07:45', 'bob', { session: 120 }); v('D1 08:05', 'carol', { session: 200 });
  v('D1 09:31', 'mallory', { retries: [1, 4] });
  s.at(J(s, 'D1 10:02:44'), () => s.xsrf('10.0.3.21'));
  s.at(J(s, 'D1 10:02:46'), () => s.xsrf('10.0.3.21'));
  v('D1 11:20', 'trent@gmail.com');
  v('D1 13:00', 'bob', { session: 60 });
  s.at(J(s, 'D1 15:47:09'), () => s.xsrf('10.0.2.15'));
  v('D1 16:05', 'mallory');
}

const cfg = (cullUsers: boolean, users = USERS): SimConfig => ({ timeout: 3600, every: 600, cullUsers, debug: false, users });

function text(lines: Line[], env: EnvelopeName) {
  return lines.flatMap((l) => wrap(env, l.line, l.stream, l.ns)).join('\n') + '\n';
}

/** `gcloud logging read --format=json`: a pretty-printed array, newest entry first. */
function gcloud(lines: Line[]) {
  const entries = lines.map((l, i) => ({
    insertId: (0x1f3a9c + i * 7919).toString(36) + 'x' + (i % 97).toString(36),
    labels: { 'compute.googleapis.com/resource_name': NODE, 'k8s-pod/app': 'jupyterhub', 'k8s-pod/component': 'hub', 'k8s-pod/release': NAMESPACE },
    logName: `projects/uni-jhub-prod/logs/${l.stream}`,
    receiveTimestamp: rfc3339Nano(l.ns + 1800000000n + BigInt(i % 13) * 1000000n),
    resource: { labels: { cluster_name: 'jhub-prod', container_name: 'hub', location: 'europe-west1', namespace_name: NAMESPACE, pod_name: POD, project_id: 'uni-jhub-prod' }, type: 'k8s_container' },
    severity: l.stream === 'stderr' ? 'ERROR' : 'INFO', // GKE: from the stream, not the line
    textPayload: l.line,
    timestamp: rfc3339Nano(l.ns),
  }));
  return JSON.stringify(entries.reverse(), null, 2) + '\n';
}

async function save(path: string, s: string) {
  await writeFile(path, s);
  console.log(`${path}: ${s.split('\n').length - 1} lines`);
}

export async function makeSamples(dir = 'samples') {
  await mkdir(dir, { recursive: true });
  const expected = async (name: string, r: Run, verdict: { rootCause: string; confidence: string }) => {
    await save(join(dir, name + '.log'), text(r.lines, 'plain'));
    await save(join(dir, name + '.expected.json'), JSON.stringify(r.truth.expected(name + '.log', verdict, r.out.lines), null, 2) + '\n');
  };
  await expected('incident-two-days', await run(cfg(true), 'incident-two-days', T('D3 07:58'), incident), { rootCause: 'culler-deleted-users', confidence: 'high' });
  await expected('healthy-servers-only', await run(cfg(false), 'healthy', T('D2 10:00'), healthy), { rootCause: 'none', confidence: 'high' });
  await expected('xsrf-and-not-allowed', await run(cfg(false, [...USERS, { name: 'trent@gmail.com', allowed: false }]), 'xsrf', T('D1 18:00'), xsrfNotAllowed), { rootCause: 'users-not-allowed', confidence: 'medium' });
  // Short slices of the same incident (second cull wave and the refusals it causes), in the envelopes
  // collectors add. The window starts before the deletions so every refusal has its deletion in view.
  const sliceLong = (await run(cfg(true), 'incident-two-days', T('D3 07:58'), incident, [T('D2 13:25'), T('D2 16:25')])).lines;
  await save(join(dir, 'kubectl-timestamps-prefix.log'), text(sliceLong, 'kubectl-prefix-timestamps'));
  await save(join(dir, 'cri-node.log'), text(sliceLong, 'cri'));
  await save(join(dir, 'docker-json.log'), text(sliceLong, 'docker-json'));
  await save(join(dir, 'loki.jsonl'), text(sliceLong, 'loki'));
  await save(join(dir, 'fluent-bit.ndjson'), text(sliceLong, 'fluent-bit'));
  await save(join(dir, 'cloud-logging.json'), gcloud(sliceLong));
}

if (import.meta.url === `file://${process.argv[1]}`) await makeSamples(process.argv[2] ?? 'samples');
