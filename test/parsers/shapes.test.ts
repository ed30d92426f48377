// Line shapes (parsers/shapes/): the JupyterHub prefix across versions (with and
// without colour), the idle culler's two prefixes, configurable-http-proxy's three layouts, z2jh's
// unprefixed prints, and lines that match nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture, iso, kinds, parse, sumLines } from './helpers.js';
import type { HubEvent } from '../../src/core/model/events.js';

async function one(line: string): Promise<HubEvent> {
  const { events } = await parse(line + '\n');
  assert.equal(events.length, 1, line);
  return events[0];
}

const pick = (e: HubEvent) => ({
  kind: e.kind, shape: e.shape, level: e.level ?? null, time: iso(e.t),
  logger: 'logger' in e ? e.logger ?? null : null, module: 'module' in e ? e.module ?? null : null,
});

test('JupyterHub prefix from 0.8 to 6.0: same fields, any module:line, any logger name', async () => {
  const cases: Array<[string, Partial<ReturnType<typeof pick>> & { kind: HubEvent['kind'] }]> = [
    // 0.8.1 (real shape, binderhub#450): log:122
    ['[I 2018-02-26 13:11:23.354 JupyterHub log:122] 204 DELETE /hub/api/users/$user (cull-idle@127.0.0.1) 19.10ms', { kind: 'user-deleted', level: 'I', time: '2018-02-26T13:11:23.354Z' }],
    ['[I 2018-02-26 13:11:23.301 JupyterHub proxy:254] Removing user dave from proxy (/user/dave/)', { kind: 'proxy-route-removed', time: '2018-02-26T13:11:23.301Z' }],
    // 1.1 wording, 1.2.2 and 1.5 line numbers
    ["[W 2020-03-02 09:00:00.001 JupyterHub auth:480] User 'bob' not in whitelist.", { kind: 'login-refused', level: 'W' }],
    ["[W 2020-11-03 10:00:00.000 JupyterHub auth:500] User 'bob' not allowed.", { kind: 'login-refused', time: '2020-11-03T10:00:00.000Z' }],
    ['[I 2022-03-01 14:14:44.228 JupyterHub log:189] 302 GET /hub/spawn-pending/bob -> /user/bob/ (bob@10.244.0.1) 3.59ms', { kind: 'access', time: '2022-03-01T14:14:44.228Z' }],
    // 3.0
    ['[I 2022-11-25 22:41:00.934 JupyterHub base:810] User logged in: erin', { kind: 'login-succeeded' }],
    ['[I 2022-11-25 22:41:00.935 JupyterHub log:186] 302 GET /hub/oauth_callback?code=[secret]&state=[secret] -> /hub/home (@127.0.0.1) 51.84ms', { kind: 'access' }],
    // 4.x
    ['[W 2025-05-14 13:40:02.118 JupyterHub base:943] Failed login for unknown user', { kind: 'login-failed' }],
    // 5.x, 5.5 quoting
    ["[W 2025-02-01 08:00:00.500 JupyterHub auth:758] User 'carol' not allowed.", { kind: 'login-refused', time: '2025-02-01T08:00:00.500Z' }],
    ["[W 2026-06-14 13:40:02.118 JupyterHub base:998] Failed login for 'unknown user'", { kind: 'login-failed' }],
    // 6.0 beta
    ['[I 2026-03-01 00:00:00.000 JupyterHub app:3700] Running JupyterHub version 6.0.0b2', { kind: 'hub-start', time: '2026-03-01T00:00:00.000Z' }],
    // a library that keeps its own logger name
    ['[I 2026-11-25 23:43:26.824 alembic.runtime.migration migration:204] Context impl SQLiteImpl.', { kind: 'message', logger: 'alembic.runtime.migration', module: 'migration' }],
    ['[D 2025-05-14 10:00:00.000 JupyterHub log:192] 200 GET /hub/health (@10.1.0.1) 0.71ms', { kind: 'access', level: 'D' }],
  ];
  for (const [line, want] of cases) {
    const got = pick(await one(line));
    assert.equal(got.shape, 'jupyterhub', line);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof typeof got], v, `${k} of ${line}`);
  }
});

test('JupyterHub prefix with ANSI colours (terminfo and fallback codes, every level) parses the same', async () => {
  const body = " 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.";
  const colours: Array<[string, string, string]> = [
    ['D', '\x1b[34m', '\x1b(B\x1b[m'], ['I', '\x1b[32m', '\x1b(B\x1b[m'], ['W', '\x1b[33m', '\x1b(B\x1b[m'],
    ['E', '\x1b[31m', '\x1b(B\x1b[m'], ['C', '\x1b[35m', '\x1b(B\x1b[m'], ['W', '\x1b[2;33m', '\x1b[0m'], ['C', '\x1b[2;35m', '\x1b[0m'],
  ];
  for (const [lvl, on, off] of colours) {
    const [head, msg] = `[${lvl}${body}`.split('] ');
    const ev = await one(`${on}${head}]${off} ${msg}`);
    assert.deepEqual([ev.kind, ev.shape, ev.level, iso(ev.t)], ['login-refused', 'jupyterhub', lvl, '2025-05-14T13:40:02.118Z'], JSON.stringify(on));
    assert.equal(ev.kind === 'login-refused' && ev.user, 'alice');
    assert.ok(!ev.raw.includes('\x1b'), 'colour codes are not kept in raw');
  }
});

test('idle culler 1.x prefix: yymmdd, whole seconds, module only; old script and ioloop too', async () => {
  const s = await one('[I 250514 09:12:00 __init__:241] Culling server alice@example.com/gpu (inactive for 01:04:12)');
  assert.deepEqual(pick(s), { kind: 'culler-culled-server', shape: 'idle-culler', level: 'I', time: '2025-05-14T09:12:00.000Z', logger: null, module: null });
  assert.ok(s.kind === 'culler-culled-server');
  assert.deepEqual([s.user, s.server, s.inactive, s.age], ['alice@example.com', 'gpu', '01:04:12', null]);
  const aged = await one('[I 250514 09:12:00 __init__:260] Culling server bob (age: 30:00:00, inactive for 02:00:00)');
  assert.ok(aged.kind === 'culler-culled-server');
  assert.deepEqual([aged.user, aged.server, aged.age, aged.inactive], ['bob', null, '30:00:00', '02:00:00']);
  const u = await one('[I 250514 10:22:00 __init__:371] Culling user alice@example.com (inactive for 2 days, 3:04:05.000001)');
  assert.ok(u.kind === 'culler-culled-user');
  assert.deepEqual([u.user, u.inactive, iso(u.t)], ['alice@example.com', '2 days, 3:04:05.000001', '2025-05-14T10:22:00.000Z']);
  const old = await one('[I 180226 13:11:23 cull_idle_servers:80] Culling server for dave (inactive since 2018-02-26T12:00:01.000Z)');
  assert.deepEqual([old.kind, old.shape, iso(old.t)], ['culler-culled-server', 'idle-culler', '2018-02-26T13:11:23.000Z']);
  const dbg = await one('[D 250514 09:12:00 __init__:269] Not culling server carol (age: 01:00:00, inactive for 00:10:00)');
  assert.deepEqual(pick(dbg), { kind: 'message', shape: 'idle-culler', level: 'D', time: '2025-05-14T09:12:00.000Z', logger: null, module: '__init__' });
  const coloured = await one('\x1b[2;31m[E 250120 20:16:20 ioloop:941]\x1b[0m Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>)');
  // The culler's own run failed: a refusal trace, whether or not the cut line still shows the 403.
  assert.deepEqual(pick(coloured), { kind: 'request-refused', shape: 'idle-culler', level: 'E', time: '2025-01-20T20:16:20.000Z', logger: null, module: null });
});

test('idle culler 2.0 prefix: the JupyterHub layout with logger IdleCuller is the culler shape', async () => {
  const ev = await one('[I 2026-06-20 09:12:00.004 IdleCuller __init__:255] Culling server alice (inactive for 01:04:12)');
  assert.deepEqual(pick(ev), { kind: 'culler-culled-server', shape: 'idle-culler', level: 'I', time: '2026-06-20T09:12:00.004Z', logger: null, module: null });
  const u = await one('\x1b[32m[I 2026-06-20 09:13:00.100 IdleCuller __init__:385]\x1b(B\x1b[m Culling user bob (inactive for 1:00:00.5)');
  assert.ok(u.kind === 'culler-culled-user');
  assert.deepEqual([u.shape, u.user, u.inactive], ['idle-culler', 'bob', '1:00:00.5']);
});

test('configurable-http-proxy: < 4 (winston 2), 4.x coloured local time, 5.x coloured ISO time', async () => {
  const v3 = await one('01:32:47.210 - info: [ConfigProxy] Proxying http://*:8000 to http://hub:8081');
  assert.deepEqual([v3.shape, v3.level, v3.t, v3.text], ['chp', 'I', NaN, 'Proxying http://*:8000 to http://hub:8081']);
  const v4 = await one('22:14:58.690 [ConfigProxy] \x1b[32minfo\x1b[39m: 201 POST /api/routes/user/alice ');
  assert.deepEqual([v4.kind, v4.shape, v4.level, v4.t, v4.text], ['message', 'chp', 'I', NaN, '201 POST /api/routes/user/alice ']);
  const warn = await one('22:30:00.001 [ConfigProxy] \x1b[33mwarn\x1b[39m: Terminated');
  assert.deepEqual([warn.shape, warn.level, warn.text], ['chp', 'W', 'Terminated']);
  const dbg = await one('22:30:00.002 [ConfigProxy] \x1b[34mdebug\x1b[39m: PROXY WEB /user/alice/api/kernels to http://10.1.4.22:8888');
  assert.deepEqual([dbg.shape, dbg.level], ['chp', 'D']);
  const v5 = await one('2025-05-14T10:22:00.602Z [ConfigProxy] \x1b[31merror\x1b[39m: 503 GET /user/bob/lab connect ECONNREFUSED 10.1.4.22:8888');
  assert.deepEqual([v5.shape, v5.level, v5.envelope, iso(v5.t)], ['chp', 'E', 'plain', '2025-05-14T10:22:00.602Z']);
  const route = await one('2025-05-14T10:22:01.000Z [ConfigProxy] \x1b[32minfo\x1b[39m: Removing route /user/alice%40example.com');
  assert.ok(route.kind === 'proxy-route-removed');
  assert.deepEqual([route.route, route.user, iso(route.t)], ['/user/alice%40example.com', 'alice@example.com', '2025-05-14T10:22:01.000Z']);
});

test('z2jh unprefixed prints are their own shape; the values.yaml load marks a hub start; a bare traceback is one record', async () => {
  const text = readFileSync(fixture('z2jh-start.log'), 'utf8');
  const { events, stats } = await parse(text);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.kind, e.shape]), [
    [1, 1, 'hub-start', 'z2jh'], [2, 1, 'message', 'z2jh'], [3, 1, 'message', 'z2jh'], [4, 1, 'message', 'z2jh'], [5, 1, 'message', 'z2jh'],
    [6, 1, 'hub-start', 'jupyterhub'], [7, 1, 'hub-authenticator', 'jupyterhub'],
    // A Python traceback with no prefix: its header, frames, code and exception line are one record.
    [8, 4, 'message', 'traceback'],
    [12, 1, 'hub-shutdown', 'jupyterhub'], [13, 1, 'message', 'jupyterhub'],
  ]);
  const start = events[0];
  assert.ok(start.kind === 'hub-start');
  assert.deepEqual([start.marker, start.version, start.t], ['z2jh-config', null, NaN]);
  const ver = events[5];
  assert.ok(ver.kind === 'hub-start');
  assert.deepEqual([ver.marker, ver.version], ['version', '4.1.5']);
  const down = events[8];
  assert.deepEqual([down.kind === 'hub-shutdown' && down.signal, down.level], ['SIGTERM', 'C']);
  assert.equal(events[7].text, 'Traceback (most recent call last):\n  File "/usr/local/bin/some-hook", line 8, in <module>\n    sys.exit(main())\nRuntimeError: hook failed');
  assert.deepEqual([stats.lines, stats.parsed, stats.unparsed, sumLines(events)], [13, 13, 0, 13]);
});

test('near-misses of the prefixes are unparsed, never mis-read', async () => {
  const lines = [
    '[I 2025-05-14 13:40:02 JupyterHub log:192] 200 GET /hub/ (@10.0.2.15) 1.00ms', // no milliseconds
    '[X 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'a\' not allowed.', // no such level
    '[I 2505141 09:12:00 __init__:241] Culling server alice (inactive for 01:04:12)', // 7-digit date
    '[I 250514 09:12:00 __init__] Culling server alice (inactive for 01:04:12)', // no line number
    'pycurl is recommended if you have a large number of users.',
  ];
  const { events } = await parse(lines.join('\n') + '\n');
  assert.deepEqual(kinds(events), lines.map(() => 'unparsed'));
  assert.deepEqual(events.map((e) => e.text), lines);
});
