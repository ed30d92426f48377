// Logs of different hubs are correlated apart, one section each, and the pieces of one hub's log
// stay one hub, through the built CLI as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, sample } from '../helpers/cli.js';
import { STAFF, STUDENTS, twoHubs } from '../helpers/two-hubs.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const json = async (args: string[]): Promise<Report> => {
  const r = await runCli(['analyze', '--format', 'json', '-q', '--exit-zero', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
};

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-hubs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const SLICES = ['cloud-logging.json', 'cri-node.log', 'docker-json.log', 'fluent-bit.ndjson', 'kubectl-timestamps-prefix.log', 'loki.jsonl'];

test('the samples folder: one section per hub, none mixing hubs, each with the verdict of its inputs alone', async () => {
  const r = await json(['samples/']);
  assert.deepEqual(r.hubs?.map((h) => [h.hub.name, h.hub.inputs]), [
    ['jhub', SLICES.map((f) => `samples/${f}`)],
    ['samples/healthy-servers-only.log', ['samples/healthy-servers-only.log']],
    ['samples/incident-two-days.log', ['samples/incident-two-days.log']],
    ['samples/real/allow-list-emptied.log', ['samples/real/allow-list-emptied.log']],
    ['samples/real/form-login-culled.log', ['samples/real/form-login-culled.log']],
    ['samples/real/oauth-403-culled.log', ['samples/real/oauth-403-culled.log']],
    ['samples/xsrf-and-not-allowed.log', ['samples/xsrf-and-not-allowed.log']],
  ]);
  const hubOf = new Map(r.hubs.flatMap((h) => h.hub.inputs.map((i) => [i, h.hub.name])));
  const one = (sources: string[], what: string) => assert.equal(new Set(sources.map((s) => hubOf.get(s))).size, 1, `${what} mixes hubs: ${sources.join(', ')}`);
  for (const f of r.findings) one(f.evidence.map((e) => e.source), `finding ${f.kind}`);
  r.incidents.forEach((inc, i) => one([...inc.evidence.map((e) => e.source), ...r.denials.filter((d) => d.incident === i).map((d) => d.source)], `incident of ${inc.user}`));
  for (const h of r.hubs) {
    const alone = await json(h.hub.inputs);
    assert.equal(alone.hubs, undefined, `${h.hub.name} alone is one hub`);
    assert.deepEqual([h.verdict.rootCause, h.verdict.confidence, h.incidents.length, h.denials.length, h.findings.map((f) => f.kind)],
      [alone.verdict.rootCause, alone.verdict.confidence, alone.incidents.length, alone.denials.length, alone.findings.map((f) => f.kind)], h.hub.name);
  }
  // The whole holds every hub's: the incidents side by side, the verdict the one that says most.
  assert.equal(r.incidents.length, r.hubs.reduce((n, h) => n + h.incidents.length, 0));
  assert.equal(r.denials.length, r.hubs.reduce((n, h) => n + h.denials.length, 0));
  assert.equal(r.verdict.rootCause, 'culler-deleted-users');
  assert.deepEqual(r.hubs.find((h) => h.hub.name === 'jhub')!.seen.oneHubBecause, ['the same namespace (jhub)', 'the same hub pod (hub-7c9d5b8f4-x2k9q)', 'records in common']);
  assert.deepEqual(r.hubs.find((h) => h.hub.name === 'samples/healthy-servers-only.log')!.hub.apart,
    ['the culler deletes users in one, and was started without --cull-users in the other', 'two hubs writing at the same time, with no record in common', 'different culler settings']);
});

test("one hub's log split in two files reads as one hub, given as a folder or as two inputs", async (t) => {
  const dir = tempDir(t);
  const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split('\n');
  const cut = lines.findIndex((l, i) => i > 1100 && l.startsWith('[I 2025-05-14'));
  const [a, b] = [join(dir, 'hub.log.1'), join(dir, 'hub.log')];
  writeFileSync(a, lines.slice(0, cut).join('\n') + '\n');
  writeFileSync(b, lines.slice(cut).join('\n'));
  const whole = await json([sample('incident-two-days.log')]);
  for (const args of [[dir], [a, b]]) {
    const r = await json(args);
    assert.equal(r.hubs, undefined, args.join(' '));
    assert.deepEqual([r.verdict.rootCause, r.verdict.confidence, r.incidents.length, r.denials.length], [whole.verdict.rootCause, whole.verdict.confidence, whole.incidents.length, whole.denials.length]);
    assert.deepEqual(r.seen.oneHubBecause, ['one log begins where the other ends']);
    assert.equal(r.seen.oneHubAssumed?.length, 2);
  }
});

test("two hubs' logs given as two inputs are two sections", async () => {
  const r = await json([sample('healthy-servers-only.log'), sample('xsrf-and-not-allowed.log')]);
  assert.deepEqual(r.hubs?.map((h) => [h.hub.name, h.verdict.rootCause, h.hub.assumed]), [
    [sample('healthy-servers-only.log'), 'none', false],
    [sample('xsrf-and-not-allowed.log'), 'users-not-allowed', false],
  ]);
  // One hub's all-clear clears no other: the whole says what the other hub's log says.
  assert.equal(r.verdict.rootCause, 'users-not-allowed');
  assert.equal(r.seen.oneHubAssumed, undefined);
  const files = [sample('healthy-servers-only.log'), sample('xsrf-and-not-allowed.log')];
  const [text, md, html] = await Promise.all(['text', 'markdown', 'html'].map((f) => runCli(['analyze', '-q', '--exit-zero', '--format', f, ...files])));
  // Each section is that hub's report: its own verdict under its own heading, in order.
  const order = (out: string, marks: string[]) => {
    let at = -1;
    for (const m of marks) {
      const next = out.indexOf(m, at + 1);
      assert.ok(next > at, `${m} missing or out of order in:\n${out}`);
      at = next;
    }
  };
  order(text.stdout, ['hubsleuth 0.1.0 — 2 inputs, 2 hubs, each correlated on its own\n', '\nHubs (2)\n',
    `\n━━ Hub 1 of 2: ${files[0]} ━━\n`, '\nVerdict: none (confidence high)', `\n━━ Hub 2 of 2: ${files[1]} ━━\n`, '\nVerdict: users-not-allowed (confidence medium)']);
  order(md.stdout, ['# hubsleuth report: 2 hubs, each correlated on its own\n', '\n## Hubs\n',
    `\n## Hub 1 of 2: ${files[0]}\n`, '`none`', `\n## Hub 2 of 2: ${files[1]}\n`, '`users-not-allowed`']);
  order(html.stdout, ['<title>hubsleuth: 2 hubs</title>', `<section class="hub" id="hub-1"><h2>Hub 1 of 2: ${files[0]}</h2>`, `<section class="hub" id="hub-2"><h2>Hub 2 of 2: ${files[1]}</h2>`]);
  // The overview names each hub's verdict as its own report does: the id and its title.
  const wide = await runCli(['analyze', '-q', '--exit-zero', '--wide', ...files]);
  for (const h of r.hubs) {
    assert.ok(wide.stdout.includes(`. ${h.hub.name}: ${h.verdict.rootCause} (confidence ${h.verdict.confidence}) — ${h.verdict.title}; `), wide.stdout);
    assert.ok(md.stdout.includes(`| \`${h.verdict.rootCause}\`: ${h.verdict.title} | ${h.verdict.confidence} |`), md.stdout);
    assert.ok(html.stdout.includes(`</a>: <code>${h.verdict.rootCause}</code> (confidence ${h.verdict.confidence}) — ${h.verdict.title}; `), html.stdout);
  }
  // Two hubs' pages in one document: every id is still one element's.
  const ids = [...html.stdout.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test('exports that name different namespaces are different hubs, named by their namespace', async (t) => {
  const dir = tempDir(t);
  const line = (ns: string, user: string, at: string) => JSON.stringify({
    labels: { container: 'hub', namespace: ns, pod: 'hub-7c9d5b8f4-x2k9q' },
    line: `[I 2025-05-14 ${at} JupyterHub base:844] User logged in: ${user}`, timestamp: `2025-05-14T${at}Z`,
  });
  writeFileSync(join(dir, 'a.jsonl'), line('jhub-staff', 'bob', '10:00:00.000') + '\n' + line('jhub-staff', 'bob', '11:00:00.000') + '\n');
  writeFileSync(join(dir, 'b.jsonl'), line('jhub-students', 'bob', '10:30:00.000') + '\n');
  const r = await json([dir]);
  assert.deepEqual(r.hubs?.map((h) => [h.hub.name, h.hub.namespace, h.hub.apart]), [
    ['jhub-staff', 'jhub-staff', ['different namespaces']],
    ['jhub-students', 'jhub-students', ['different namespaces']],
  ]);
});

test('when nothing tells, inputs given together are one hub and inputs given apart are not, and the report says it assumed so', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'logs'));
  const [a, b] = [join(dir, 'logs', 'a.log'), join(dir, 'logs', 'b.log')];
  writeFileSync(a, '[I 2025-05-13 07:46:06.660 JupyterHub base:844] User logged in: bob\n');
  writeFileSync(b, '[I 2025-06-20 09:12:01.100 JupyterHub base:844] User logged in: carol\n');
  const together = await json([join(dir, 'logs')]);
  assert.equal(together.hubs, undefined);
  assert.deepEqual(together.seen.oneHubBecause, [`nothing told them apart, and they were given together (${join(dir, 'logs')})`]);
  const text = await runCli(['analyze', '-q', '--wide', join(dir, 'logs')]);
  assert.ok(text.stdout.includes(`; 2 inputs read as one hub's log (nothing told them apart, and they were given together (${join(dir, 'logs')})), merged by time: if they come from different hubs, analyse each on its own\n`), text.stdout);
  const apart = await json([a, b]);
  assert.deepEqual(apart.hubs?.map((h) => [h.hub.inputs, h.hub.apart, h.hub.assumed]), [
    [[a], ['nothing told whether they are one hub, and they were given separately'], true],
    [[b], ['nothing told whether they are one hub, and they were given separately'], true],
  ]);
});

test('two hubs in one folder, told apart by the authenticator their starts name; a hub that changed it across a restart stays one', async (t) => {
  const dir = tempDir(t);
  const start = (day: string, authenticator: string, user: string) => [
    `[I 2025-05-${day} 07:46:06.100 JupyterHub app:2859] Running JupyterHub version 4.1.5`,
    `[I 2025-05-${day} 07:46:06.102 JupyterHub app:2917] Using Authenticator: ${authenticator}`,
    `[I 2025-05-${day} 07:46:09.660 JupyterHub base:844] User logged in: ${user}`,
  ].join('\n') + '\n';
  mkdirSync(join(dir, 'two'));
  const [github, ldap] = [join(dir, 'two', 'a.log'), join(dir, 'two', 'b.log')];
  writeFileSync(github, start('13', 'oauthenticator.github.GitHubOAuthenticator-16.3.0', 'bob'));
  writeFileSync(ldap, start('20', 'ldapauthenticator.ldapauthenticator.LDAPAuthenticator-2.0.2', 'carol'));
  const two = await json([join(dir, 'two')]);
  assert.deepEqual(two.hubs?.map((h) => [h.hub.inputs, h.hub.apart, h.hub.assumed]), [
    [[github], ['different authenticators (ldapauthenticator.ldapauthenticator.LDAPAuthenticator, oauthenticator.github.GitHubOAuthenticator)'], false],
    [[ldap], ['different authenticators (ldapauthenticator.ldapauthenticator.LDAPAuthenticator, oauthenticator.github.GitHubOAuthenticator)'], false],
  ]);
  // An upgrade (another version of the class) is the same authenticator.
  mkdirSync(join(dir, 'upgrade'));
  writeFileSync(join(dir, 'upgrade', 'a.log'), start('13', 'oauthenticator.github.GitHubOAuthenticator-16.3.0', 'bob'));
  writeFileSync(join(dir, 'upgrade', 'b.log'), start('20', 'oauthenticator.github.GitHubOAuthenticator-17.0.0', 'carol'));
  assert.equal((await json([join(dir, 'upgrade')])).hubs, undefined);
  // A switch of authenticator at a restart, the second log beginning where the first ends: one hub.
  mkdirSync(join(dir, 'switch'));
  writeFileSync(join(dir, 'switch', 'a.log'), start('13', 'oauthenticator.github.GitHubOAuthenticator-16.3.0', 'bob'));
  writeFileSync(join(dir, 'switch', 'b.log'), start('13', 'ldapauthenticator.ldapauthenticator.LDAPAuthenticator-2.0.2', 'carol').replaceAll('07:46:', '07:50:'));
  assert.deepEqual((await json([join(dir, 'switch')])).seen.oneHubBecause, ['one log begins where the other ends']);
});

test("a node's CRI log files are told apart by the namespace their path names, and joined by it", async (t) => {
  const dir = tempDir(t);
  const cri = (at: string, line: string) => `2025-05-14T${at}Z stderr F [I 2025-05-14 ${at} JupyterHub base:844] ${line}`;
  const file = (rel: string, ...lines: string[]) => {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, lines.join('\n') + '\n');
    return p;
  };
  // One log cut in two by a restart: by time alone the second continues the first.
  const staff = file('var/log/pods/jhub-staff_hub-7c9d5b8f4-x2k9q_6f1d2c3b-1a2b-4c5d-8e9f-0a1b2c3d4e5f/hub/0.log',
    cri('10:00:00.000', 'User logged in: bob'), cri('10:05:00.000', 'User logged in: carol'));
  const students = file('var/log/pods/jhub-students_hub-5d8f7c6b9-q7w2e_0a1b2c3d-4e5f-4a5b-9c8d-7e6f5a4b3c2d/hub/0.log',
    cri('10:06:00.000', 'User logged in: bob'), cri('10:07:00.000', 'User logged in: carol'));
  const apart = await json([dir]);
  assert.deepEqual(apart.hubs?.map((h) => [h.hub.name, h.hub.inputs, h.hub.apart]), [
    ['jhub-staff', [staff], ['different namespaces']],
    ['jhub-students', [students], ['different namespaces']],
  ]);
  // The same pod's file under /var/log/containers, given on its own: one hub, by the namespace.
  const containers = file(`var/log/containers/hub-7c9d5b8f4-x2k9q_jhub-staff_hub-${'0123456789abcdef'.repeat(4)}.log`,
    cri('12:00:00.000', 'User logged in: dave'));
  const one = await json([staff, containers]);
  assert.equal(one.hubs, undefined);
  assert.deepEqual(one.seen.oneHubBecause, ['the same namespace (jhub-staff)']);
});

test("one standard input holding two hubs' exports is split by the namespace each line names, each hub as its part read alone", async (t) => {
  const hubs = twoHubs();
  const run = async (input: string) => {
    const r = await runCli(['analyze', '--format', 'json', '-q', '--exit-zero', '-'], { input });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };
  const r = await run(hubs.both);
  assert.deepEqual(r.hubs?.map((h) => [h.hub.name, h.hub.namespace, h.hub.inputs, h.hub.apart]), [
    [STAFF, STAFF, ['-'], ['different namespaces']],
    [STUDENTS, STUDENTS, ['-'], ['different namespaces']],
  ]);
  const hubOf = (line: number) => hubs.lineHubs[line - 1];
  const one = (lines: number[], what: string) => assert.equal(new Set(lines.map(hubOf)).size, 1, `${what} mixes hubs: lines ${lines.join(', ')}`);
  for (const f of r.findings) one(f.evidence.map((e) => e.line), `finding ${f.kind}`);
  r.incidents.forEach((inc, i) => one([...inc.evidence.map((e) => e.line), ...r.denials.filter((d) => d.incident === i).map((d) => d.line)], `incident of ${inc.user}`));
  // What a hub's section says is what its lines alone say, where they are in the stream aside.
  // A hub's section as JSON carries its denials as an array, as the report does.
  type Said = Pick<Report, 'verdict' | 'incidents' | 'denials' | 'findings' | 'seen' | 'inputs'>;
  const said = (x: Said) => ({
    verdict: [x.verdict.rootCause, x.verdict.confidence],
    incidents: x.incidents.map((i) => [i.user, i.deletedAt, i.deletedBy, i.denials]),
    denials: x.denials.map((d) => [d.user, d.at, d.cause, d.incident]),
    findings: x.findings.map((f) => f.kind),
    seen: { ...x.seen },
    inputs: x.inputs.map((i) => [i.lines, i.parsed, i.first, i.last]),
  });
  const sections = (r.hubs ?? []) as unknown as Array<Said & { hub: { name: string } }>;
  for (const h of sections) {
    for (const e of [...h.incidents.flatMap((i) => i.evidence), ...h.findings.flatMap((f) => f.evidence)]) assert.equal(hubOf(e.line), h.hub.name);
    for (const d of h.denials) assert.equal(hubOf(d.line), h.hub.name);
    const alone = await run(hubs.alone[h.hub.name]);
    assert.equal(alone.hubs, undefined);
    assert.deepEqual(said(h), said(alone), h.hub.name);
  }
  assert.equal(r.totals.lines, hubs.lineHubs.length);
  // The same lines as a file read in parts by two workers: the same hubs, each the same.
  const file = join(tempDir(t), 'loki.jsonl');
  writeFileSync(file, hubs.both);
  const byWorkers = await runCli(['analyze', '--format', 'json', '-q', '--exit-zero', '-j', '2', file], { env: { HUBSLEUTH_SPLIT_MIN_BYTES: '20000' } });
  const w = JSON.parse(byWorkers.stdout) as Report;
  assert.deepEqual(((w.hubs ?? []) as unknown as Said[]).map(said), sections.map(said));
  // The carol one hub refused as not allowed is not the carol the other deleted.
  assert.deepEqual(sections.map((h) => h.denials.filter((d) => d.user === 'carol').map((d) => d.cause)), [['deleted-by-admin'], ['not-allowed']]);
});

test('journalctl output of two machines in one standard input: one hub per host, each as its lines alone', async () => {
  const hubs = twoHubs('journald');
  const run = async (input: string) => {
    const r = await runCli(['analyze', '--format', 'json', '-q', '--exit-zero', '-'], { input });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };
  const r = await run(hubs.both);
  assert.deepEqual(r.hubs?.map((h) => [h.hub.name, h.hub.host, h.hub.apart]), [[STAFF, STAFF, ['different hosts']], [STUDENTS, STUDENTS, ['different hosts']]]);
  for (const h of r.hubs ?? []) {
    const alone = await run(hubs.alone[h.hub.name]);
    assert.deepEqual([h.verdict.rootCause, h.incidents.map((i) => i.user), h.inputs[0].lines], [alone.verdict.rootCause, alone.incidents.map((i) => i.user), alone.inputs[0].lines], h.hub.name);
  }
  // The overview says each hub is its own lines of the one input.
  const text = await runCli(['analyze', '-q', '--exit-zero', '--wide', '-'], { input: hubs.both });
  for (const hub of [STAFF, STUDENTS]) assert.match(text.stdout, new RegExp(`\\. ${hub}: .*; its lines of -; told apart: different hosts\n`));
});
