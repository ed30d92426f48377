// Secrets never leave hubsleuth, and `--redact` hides people but keeps the story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, sample } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';
import { Redactor } from '../../src/redact/index.js';

const FORMATS = ['text', 'markdown', 'json', 'html'];
const RAW = ['STATESECRETeyJzdGF0ZV9pZCI6', '4/0AaCODESECRETxyz', 'CODESECRET2abc', 'STATESECRET2def', 'APITOKENSECRET0123456789abcdef',
  'AUTHTOKENSECRET999', 'TOKENEQSECRET888', 'BEARERSECRET777', 'STATEMISMATCHA', 'FETCHTOKENSECRET', 'AUTHZTOKENSECRET555'];

// A culler incident whose lines carry raw OAuth values (tornado web: lines), the culler's api_token
// (ioloop error) and tokens in header / assignment shapes.
const LOG = `[I 2025-05-14 08:00:01.310 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--url=http://localhost:8081/hub/api', '--timeout=3600', '--cull-every=600', '--cull-users']
[I 250514 10:22:00 __init__:371] Culling user alice@example.com (inactive for 1:13:59.512345)
[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice@example.com (jupyterhub-idle-culler@::1) 85.12ms
[E 250514 10:26:20 ioloop:941] Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api', api_token='${RAW[4]}', inactive_limit=3600, cull_users=True)
[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice@example.com' not allowed.
[W 2025-05-14 13:40:02.118 JupyterHub base:943] Failed login for unknown user
[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 GET /hub/oauth_callback?state=${RAW[0]}&code=${RAW[1]}&scope=email+openid&authuser=0&prompt=none (10.0.2.15): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.
[W 2025-05-14 13:40:02.120 JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret]&code=[secret]&scope=email+openid&authuser=[secret]&prompt=none (@10.0.2.15) 311.40ms
[E 2025-05-14 13:41:00.814 JupyterHub web:1973] Uncaught exception GET /hub/oauth_callback?code=${RAW[2]}&state=${RAW[3]} (10.0.2.15)
    HTTPServerRequest(protocol='http', host='hub.example.org', method='GET', uri='/hub/oauth_callback?code=${RAW[2]}&state=${RAW[3]}', version='HTTP/1.1', remote_ip='10.0.2.15')
    ZeroDivisionError: division by zero
[W 2025-05-14 13:42:00.000 JupyterHub base:100] request with Authorization: token ${RAW[5]} and token=${RAW[6]} and Authorization: Bearer ${RAW[7]}
[W 2025-05-14 13:42:01.000 JupyterHub oauth2:100] OAuth state mismatch: ${RAW[8]} != ${RAW[8]}B
[I 250514 13:45:00 __init__:156] Fetching page 2 http://localhost:8081/hub/api/users?state=ready&token=${RAW[9]}
[W 2025-05-14 13:46:00.000 JupyterHub log:192] 403 GET /hub/api/authorizations/token/${RAW[10]} (@10.0.2.15) 1.00ms
`;

const dir = tempDir('safety');
function tmpFile(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

test('no output format, and not `events`, contains a raw OAuth code, state or token', async () => {
  const log = tmpFile('secrets.log', LOG);
  const outs: Array<[string, string]> = [];
  for (const f of FORMATS) {
    const r = await runCli(['analyze', '--exit-zero', '--format', f, log]);
    assert.equal(r.code, 0, r.stderr);
    outs.push([f, r.stdout + r.stderr]);
  }
  const ev = await runCli(['events', log]);
  assert.equal(ev.code, 0, ev.stderr);
  outs.push(['events', ev.stdout + ev.stderr]);
  // The report did see the incident (so evidence lines were rendered), and [secret] stands in.
  assert.match(outs[2][1], /"rootCause": "culler-deleted-users"/);
  assert.match(ev.stdout, /\[secret\]/);
  for (const [f, out] of outs) {
    for (const raw of RAW) assert.ok(!out.includes(raw), `${f} output contains ${raw}`);
  }
});

const NAME_RE = (n: string) => new RegExp(`(^|[^\\w.@%-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`);

test('--redact hides every user name, IP and pod name of the incident sample; verdict and incident count unchanged', async () => {
  const log = sample('incident-two-days.log');
  const plain = await runCli(['analyze', '--format', 'json', log]);
  const real = JSON.parse(plain.stdout) as Report;
  // Every name, address and pod the log mentions, from the parser's own view of it.
  const ev = await runCli(['events', log]);
  const users = new Set<string>();
  const ips = new Set<string>();
  const pods = new Set<string>();
  for (const line of ev.stdout.split('\n').filter(Boolean)) {
    const e = JSON.parse(line) as Record<string, unknown>;
    for (const k of ['user', 'target']) if (typeof e[k] === 'string' && !/cull/.test(e[k])) users.add(e[k]);
    if (typeof e.ip === 'string' && !/^(::1|127\.)/.test(e.ip)) ips.add(e.ip);
    for (const k of ['podName', 'pvc']) if (typeof e[k] === 'string') pods.add(e[k]);
  }
  assert.ok(users.size >= 5 && ips.size >= 2 && pods.size >= 2, `sample too small for this test: ${[...users].join()} ${[...ips].join()} ${[...pods].join()}`);
  const mapFile = tmpFile('map.json', '');
  for (const f of FORMATS) {
    const r = await runCli(['analyze', '--format', f, '--redact', '--redact-map', mapFile, log]);
    assert.equal(r.code, plain.code, r.stderr);
    for (const u of users) assert.doesNotMatch(r.stdout, NAME_RE(u), `${f}: user ${u} visible`);
    for (const u of users) if (u.includes('@')) assert.ok(!r.stdout.includes(encodeURIComponent(u)), `${f}: ${u} visible percent-encoded`);
    for (const ip of ips) assert.ok(!r.stdout.includes(ip), `${f}: IP ${ip} visible`);
    for (const p of pods) assert.ok(!r.stdout.includes(p), `${f}: pod ${p} visible`);
    if (f === 'json') {
      const red = JSON.parse(r.stdout) as Report;
      assert.equal(red.verdict.rootCause, real.verdict.rootCause);
      assert.equal(red.verdict.confidence, real.verdict.confidence);
      assert.equal(red.incidents.length, real.incidents.length);
      assert.equal(red.denials.length, real.denials.length);
      assert.deepEqual(red.incidents.map((i) => i.denials), real.incidents.map((i) => i.denials));
      // Routes and status codes are kept; the same user keeps the same pseudonym throughout.
      assert.deepEqual(red.denials.map((d) => [d.status, d.method, d.path?.replace(/user-\d+/, 'X')]), real.denials.map((d) => [d.status, d.method, d.path?.replace(/\/user\/[^/]+/, '/user/X')]));
      const pairs = new Map<string, string>();
      real.incidents.forEach((inc, k) => {
        const p = red.incidents[k].user;
        assert.equal(pairs.get(inc.user) ?? p, p, `${inc.user} got two pseudonyms`);
        pairs.set(inc.user, p);
      });
      assert.equal(new Set(pairs.values()).size, pairs.size, 'two users share a pseudonym');
    }
  }
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { users: Record<string, string>; ips: Record<string, string> };
  assert.ok(Object.values(map.users).includes('dana@example.org'));
  assert.match(Object.keys(map.users).find((k) => map.users[k] === 'dana@example.org')!, /^user-\d+@example\.invalid$/);
});

test('redaction keeps the /24 shape, loopback, routes, and pseudonyms consistent in paths', () => {
  const r = new Redactor();
  r.user('alice');
  r.user('dana@example.org');
  const out = r.text('302 GET /user/alice/lab -> /hub/user/alice/lab (alice@10.0.2.15) 1.00ms; 10.0.2.99 10.0.3.15 ::1 127.0.0.1 /hub/api/users/dana%40example.org/server pod jhub/jupyter-alice claim-dana-40example-2eorg');
  const [a, b, c] = out.match(/\b\d+\.\d+\.\d+\.\d+\b/g)!;
  assert.equal(a.split('.').slice(0, 3).join('.'), b.split('.').slice(0, 3).join('.'), 'same /24 → same pseudo /24');
  assert.notEqual(a.split('.').slice(0, 3).join('.'), c.split('.').slice(0, 3).join('.'));
  assert.match(out, /^302 GET \/user\/user-1\/lab -> \/hub\/user\/user-1\/lab \(user-1@/);
  assert.match(out, / ::1 127\.0\.0\.1 /);
  assert.match(out, /\/hub\/api\/users\/user-2%40example\.invalid\/server/);
  assert.match(out, /jhub\/jupyter-user-1 claim-user-2$/);
  assert.doesNotMatch(out, /alice|dana|10\.0\./);
});
