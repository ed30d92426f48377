// Records and messages: continuation lines joined with exact line accounting, the access line's
// fields (user names with `@`, scrubbed queries, redirects), interleaved culler/hub streams, and a
// paste that starts in the middle of a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture, iso, kinds, only, parse, sumLines, countLines } from './helpers.js';
import type { HubEvent } from '../../src/core/model/events.js';

async function access(line: string) {
  const { events } = await parse(line + '\n');
  assert.equal(events.length, 1, line);
  const ev = events[0];
  assert.ok(ev.kind === 'access' || ev.kind === 'user-deleted', `${ev.kind}: ${line}`);
  return ev;
}

test('access line: user names with @ (greedy), IPv6, anonymous, query and redirect target', async () => {
  const a = await access('[I 2025-05-14 13:40:06.102 JupyterHub log:192] 302 GET /hub/oauth_callback?state=[secret]&code=[secret]&scope=email+openid&authuser=[secret]&hd=example.com&prompt=none -> /hub/ (alice@example.com@10.0.2.15) 412.70ms');
  assert.deepEqual(
    { status: a.status, method: a.method, path: a.path, query: a.query, user: a.user, ip: a.ip, durationMs: a.durationMs, location: a.location },
    { status: 302, method: 'GET', path: '/hub/oauth_callback', query: 'state=[secret]&code=[secret]&scope=email+openid&authuser=[secret]&hd=example.com&prompt=none', user: 'alice@example.com', ip: '10.0.2.15', durationMs: 412.7, location: '/hub/' },
  );
  const culler = await access('[I 2025-05-14 09:12:00.140 JupyterHub log:192] 200 GET /hub/api/users?state=[secret] (jupyterhub-idle-culler@::1) 21.77ms');
  assert.deepEqual([culler.path, culler.query, culler.user, culler.ip, culler.location], ['/hub/api/users', 'state=[secret]', 'jupyterhub-idle-culler', '::1', null]);
  const anon = await access('[W 2025-05-14 13:40:02.120 JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret]&code=[secret] (@10.0.2.15) 311.40ms');
  assert.deepEqual([anon.status, anon.user, anon.ip, anon.level], [403, null, '10.0.2.15', 'W']);
  const google = await access('[I 2025-05-14 13:39:58.031 JupyterHub log:192] 302 GET /hub/oauth_login?next=%2Fhub%2F -> https://accounts.google.com/o/oauth2/v2/auth?response_type=code&redirect_uri=https%3A%2F%2Fhub.example.org%2Fhub%2Foauth_callback&client_id=1234.apps.googleusercontent.com&state=[secret]&scope=openid+email (@10.0.2.15) 2.31ms');
  assert.equal(google.location, 'https://accounts.google.com/o/oauth2/v2/auth?response_type=code&redirect_uri=https%3A%2F%2Fhub.example.org%2Fhub%2Foauth_callback&client_id=1234.apps.googleusercontent.com&state=[secret]&scope=openid+email');
  const arrow = await access('[I 2018-02-26 13:00:00.000 JupyterHub log:122] 302 GET /hub/ \u2192 /hub/login (@10.0.0.1) 1.00ms');
  assert.equal(arrow.location, '/hub/login');
  const pending = await access('[I 2025-05-14 13:40:07.000 JupyterHub log:192] 303 GET /hub/spawn/alice (alice@10.0.2.15) 14.00ms');
  assert.equal(pending.location, null);
  const user424 = await access('[W 2025-05-14 13:40:08.000 JupyterHub log:192] 424 GET /hub/user/alice@example.com/lab (alice@example.com@10.0.2.15) 6.02ms');
  assert.deepEqual([user424.status, user424.path, user424.user], [424, '/hub/user/alice@example.com/lab', 'alice@example.com']);
});

test('user deletion: only a 2xx DELETE of /hub/api/users/<name>, target decoded, actor from (actor@ip)', async () => {
  const del = await access('[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice@example.com (jupyterhub-idle-culler@::1) 85.12ms');
  assert.ok(del.kind === 'user-deleted');
  assert.deepEqual([del.target, del.actor, del.ip, iso(del.t)], ['alice@example.com', 'jupyterhub-idle-culler', '::1', '2025-05-14T10:22:00.601Z']);
  const admin = await access('[I 2025-05-14 10:50:15.766 JupyterHub log:192] 204 DELETE /jhub/hub/api/users/erin%40example.org (admin-alice@10.0.2.15) 40.00ms');
  assert.ok(admin.kind === 'user-deleted');
  assert.deepEqual([admin.target, admin.actor], ['erin@example.org', 'admin-alice']);
  // The server DELETE and a refused or failed user DELETE are plain access lines.
  for (const line of [
    '[I 2025-05-14 09:12:03.657 JupyterHub log:192] 204 DELETE /hub/api/users/alice%40example.com/server (jupyterhub-idle-culler@::1) 3262.11ms',
    '[W 2025-05-14 10:22:00.601 JupyterHub log:192] 404 DELETE /hub/api/users/ghost (jupyterhub-idle-culler@::1) 3.00ms',
    '[W 2025-05-14 10:22:00.601 JupyterHub log:192] 400 DELETE /hub/api/users/bob (jupyterhub-idle-culler@::1) 3.00ms',
  ]) assert.equal((await access(line)).kind, 'access', line);
});

test('5xx header dump and tracebacks: continuation lines join their record, `lines` exact', async () => {
  const text = readFileSync(fixture('header-dump.log'), 'utf8');
  const { events, stats } = await parse(text);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.kind]), [
    [1, 5, 'message'], [6, 7, 'message'], [13, 1, 'access'], [14, 6, 'message'], [20, 2, 'http-error'], [22, 1, 'access'],
  ]);
  assert.equal(sumLines(events), countLines(text));
  assert.deepEqual([stats.lines, stats.parsed, stats.unparsed], [22, 22, 0]);
  const dump = events[1];
  assert.ok(dump.text.startsWith('{\n      "X-Forwarded-Host": "hub.example.org",'));
  assert.ok(dump.text.endsWith('\n    }'));
  assert.equal(dump.level, 'E');
  const traceback = events[0];
  assert.ok(traceback.text.endsWith('sqlite3.OperationalError: database is locked'));
  const err500 = events[2];
  assert.deepEqual([err500.kind === 'access' && err500.status, err500.kind === 'access' && err500.user], [500, 'alice@example.com']);
  const spawn = events[4];
  assert.ok(spawn.kind === 'http-error');
  assert.deepEqual([spawn.status, spawn.method, spawn.path, spawn.ip], [403, 'GET', '/hub/spawn', '10.128.0.52']);
  assert.equal(spawn.message, '\n    Your JupyterHub group membership is insufficient to launch any server profiles.');
});

test('culler and hub lines interleaved in one stream (#3666 signature): kinds, times and fields in order', async () => {
  const text = readFileSync(fixture('interleaved.log'), 'utf8');
  const { events, stats } = await parse(text);
  assert.deepEqual(events.map((e) => [e.line, e.shape, e.kind]), [
    [1, 'jupyterhub', 'message'], [2, 'jupyterhub', 'service-start'], [3, 'jupyterhub', 'service-start'],
    [4, 'idle-culler', 'message'],
    [6, 'jupyterhub', 'access'], [7, 'jupyterhub', 'access'],
    [8, 'idle-culler', 'culler-culled-server'],
    [9, 'jupyterhub', 'proxy-route-removed'], [10, 'jupyterhub', 'pod-deleted'], [11, 'jupyterhub', 'server-stopped'], [12, 'jupyterhub', 'access'],
    [13, 'idle-culler', 'culler-culled-user'], [14, 'jupyterhub', 'pvc-deleted'], [15, 'jupyterhub', 'user-deleted'],
    [16, 'jupyterhub', 'message'], [17, 'jupyterhub', 'login-refused'], [18, 'jupyterhub', 'login-failed'],
    [19, 'jupyterhub', 'http-error'], [20, 'jupyterhub', 'access'],
  ]);
  assert.deepEqual([stats.lines, sumLines(events)], [20, 20]);
  assert.equal(events[3].lines, 2, 'the two-line pycurl warning is one record');
  const svc = events[1];
  assert.ok(svc.kind === 'service-start');
  assert.equal(svc.name, 'jupyterhub-idle-culler');
  assert.deepEqual(svc.culler, { timeoutSeconds: 3600, everySeconds: 600, cullUsers: true, maxAgeSeconds: 0, cullAdminUsers: null, removeNamedServers: false, concurrency: 10 });
  const spawned = events[2];
  assert.ok(spawned.kind === 'service-start');
  assert.equal(spawned.culler?.cullUsers, true);
  const culled = only(events, 'culler-culled-user');
  assert.deepEqual([culled.user, culled.inactive, iso(culled.t)], ['alice@example.com', '1:13:59.512345', '2025-05-14T10:22:00.000Z']);
  const del = only(events, 'user-deleted');
  assert.deepEqual([del.target, del.actor, iso(del.t)], ['alice@example.com', 'jupyterhub-idle-culler', '2025-05-14T10:22:00.601Z']);
  const refused = only(events, 'login-refused');
  assert.deepEqual([refused.reason, refused.user, iso(refused.t)], ['not-allowed', 'alice@example.com', '2025-05-14T13:40:02.118Z']);
  assert.equal(only(events, 'login-failed').user, null);
  const web = only(events, 'http-error');
  assert.deepEqual([web.status, web.path, web.ip, web.message], [403, '/hub/oauth_callback', '10.0.2.15', 'Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.']);
  const route = only(events, 'proxy-route-removed');
  assert.deepEqual([route.user, route.route], ['alice@example.com', '/user/alice@example.com/']);
  assert.equal(only(events, 'pvc-deleted').pvc, 'claim-alice-40example-2ecom');
  assert.equal(only(events, 'pod-deleted').podName, 'jhub/jupyter-alice-40example-2ecom');
});

test('a paste that starts mid-line: the first fragment is unparsed, everything after it parsed', async () => {
  const text = readFileSync(fixture('mid-line-paste.log'), 'utf8');
  const { events, stats } = await parse(text);
  assert.deepEqual(events.map((e) => [e.line, e.kind]), [[1, 'unparsed'], [2, 'access'], [3, 'access'], [4, 'access'], [5, 'login-succeeded'], [6, 'access']]);
  assert.equal(events[0].text, 'example.com&prompt=none (@10.0.2.15) 311.40ms');
  assert.equal(events[0].t, NaN);
  assert.deepEqual([stats.parsed, stats.unparsed], [5, 1]);
  const cb = events[5];
  assert.ok(cb.kind === 'access');
  assert.deepEqual([cb.user, cb.location, iso(cb.t)], ['alice@example.com', '/hub/', '2025-05-14T13:40:06.102Z']);
});

test('a paste that starts inside a traceback: the orphan indented lines are one fragment', async () => {
  const { events } = await parse([
    '      File "/usr/local/lib/python3.11/site-packages/jupyterhub/handlers/base.py", line 1297, in stop',
    '    ZeroDivisionError: division by zero',
    '[W 2024-05-08 16:54:56.672 JupyterHub web:1873] 403 GET /hub/spawn (10.128.0.52): ',
    '    Your JupyterHub group membership is insufficient to launch any server profiles.',
  ].join('\n') + '\n');
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.kind]), [[1, 2, 'fragment'], [3, 2, 'http-error']]);
  assert.deepEqual([events[0].t, events[0].shape, events[0].text], [NaN, 'none', [
    '      File "/usr/local/lib/python3.11/site-packages/jupyterhub/handlers/base.py", line 1297, in stop',
    '    ZeroDivisionError: division by zero',
  ].join('\n')]);
});

test('CRLF line ends: no stray \\r in texts, continuations still join', async () => {
  const text = readFileSync(fixture('header-dump.log'), 'utf8').replace(/\n/g, '\r\n');
  const { events } = await parse(text);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.kind]), [
    [1, 5, 'message'], [6, 7, 'message'], [13, 1, 'access'], [14, 6, 'message'], [20, 2, 'http-error'], [22, 1, 'access'],
  ]);
  assert.ok(events.every((e: HubEvent) => !e.text.includes('\r') && !e.raw.includes('\r')));
  const last = events[5];
  assert.ok(last.kind === 'access');
  assert.equal(last.durationMs, 5);
});

test('refusal reasons and login outcomes carry the user name as printed (repr quotes removed)', async () => {
  const { events } = await parse([
    "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice@example.com' not allowed.",
    "[W 2025-05-14 13:40:02.118 JupyterHub auth:521] User 'mallory' blocked. Stop authentication",
    "[W 2025-05-14 13:40:02.118 JupyterHub auth:510] Disallowing invalid username 'Bad Name'.",
    '[W 2025-05-14 13:40:02.118 JupyterHub google:230] Login with unverified email x@example.com is not allowed',
    '[W 2023-05-14 13:40:02.118 JupyterHub google:200] Login with domain @other.org is not allowed',
    "[W 2025-05-14 13:40:02.118 JupyterHub google:252] Blocked eve@other.org with 'hd=other.org' not in hosted_domain",
    '[W 2021-05-14 13:40:02.118 JupyterHub google:190] Google OAuth unauthorized domain attempt: other.org',
    '[W 2022-11-25 22:40:02.118 JupyterHub base:816] Failed login for carol',
    '[I 2025-05-14 17:02:11.400 JupyterHub login:46] User logged out: alice@example.com',
  ].join('\n') + '\n');
  assert.deepEqual(events.map((e) => [e.kind, 'reason' in e ? e.reason : null, 'user' in e ? e.user : null]), [
    ['login-refused', 'not-allowed', 'alice@example.com'],
    ['login-refused', 'blocked', 'mallory'],
    ['login-refused', 'invalid-name', 'Bad Name'],
    ['login-refused', 'unverified-email', 'x@example.com'],
    ['login-refused', 'domain', 'other.org'],
    ['login-refused', 'domain', 'eve@other.org'],
    ['login-refused', 'domain', 'other.org'],
    ['login-failed', null, 'carol'],
    ['logout', null, 'alice@example.com'],
  ]);
  assert.deepEqual(kinds(events).length, 9);
});
