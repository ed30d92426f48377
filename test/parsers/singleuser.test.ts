// Single-user servers' lines: the hub's prefix with the single-user app's logger, jupyter_server's
// prefix without module:line, the classic notebook's time-of-day prefix, their access lines (with
// and without `user@`, with ` referer=`), and tornado's `(ip): message` warning in every prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso, parse } from './helpers.js';
import type { HubEvent } from '../../src/core/model/events.js';

async function read(text: string): Promise<HubEvent[]> {
  return (await parse(text + '\n')).events;
}

const summary = (e: HubEvent) => {
  const request = e.kind === 'access' || e.kind === 'http-error' ? { status: e.status, path: e.path, ip: e.ip } : {};
  return { kind: e.kind, shape: e.shape, level: e.level ?? null, time: iso(e.t), ...request, user: 'user' in e ? e.user : undefined };
};

test('the single-user mixin writes the hub prefix with its own logger: shape singleuser, and the hub stays jupyterhub', async () => {
  const events = await read([
    '[I 2018-05-01 17:56:37.352 SingleUserNotebookApp log:122] 200 GET /user/mrossi/api/sessions?_=1525189785516 (mrossi@::ffff:127.0.0.1) 6.95ms',
    '[E 2022-06-08 13:45:27.112 SingleUserLabApp mixins:538] Error notifying Hub of activity',
    '[W 2018-05-01 17:57:19.430 JupyterHub log:122] 403 GET /hub/api/users (@127.0.0.1) 1.38ms',
  ].join('\n'));
  assert.deepEqual(events.map(summary), [
    { kind: 'access', shape: 'singleuser', level: 'I', time: '2018-05-01T17:56:37.352Z', status: 200, path: '/user/mrossi/api/sessions', ip: '::ffff:127.0.0.1', user: 'mrossi' },
    { kind: 'request-refused', shape: 'singleuser', level: 'E', time: '2022-06-08T13:45:27.112Z', user: null },
    { kind: 'access', shape: 'jupyterhub', level: 'W', time: '2018-05-01T17:57:19.430Z', status: 403, path: '/hub/api/users', ip: '127.0.0.1', user: null },
  ]);
});

test('jupyter_server lines have no module:line; their access lines and web warnings are read like the hub\'s', async () => {
  const events = await read([
    '[I 2024-03-21 19:39:47.921 ServerApp] 200 GET /user/Jo%20Ro%20%28Lab%29/rstudio/ (Jo Ro (Lab)@10.100.1.0) 412.33ms',
    "[W 2024-03-21 19:39:48.510 ServerApp] 403 POST /user/Jo%20Ro%20%28Lab%29/rstudio/rpc/client_init (10.100.1.0): '_xsrf' argument missing from POST",
    '[W 2024-03-21 19:39:48.511 ServerApp] 403 POST /user/jo/api/contents (jo@10.100.1.0) 2.51ms referer=https://hub.example.org/user/jo/lab',
    '[I 2023-10-18 05:23:52.604 JupyterHubSingleUser] Starting jupyterhub single-user server extension version 4.0.2',
  ].join('\n'));
  assert.deepEqual(events.map(summary), [
    { kind: 'access', shape: 'jupyter-server', level: 'I', time: '2024-03-21T19:39:47.921Z', status: 200, path: '/user/Jo%20Ro%20%28Lab%29/rstudio/', ip: '10.100.1.0', user: 'Jo Ro (Lab)' },
    { kind: 'http-error', shape: 'jupyter-server', level: 'W', time: '2024-03-21T19:39:48.510Z', status: 403, path: '/user/Jo%20Ro%20%28Lab%29/rstudio/rpc/client_init', ip: '10.100.1.0', user: undefined },
    { kind: 'access', shape: 'jupyter-server', level: 'W', time: '2024-03-21T19:39:48.511Z', status: 403, path: '/user/jo/api/contents', ip: '10.100.1.0', user: 'jo' },
    { kind: 'message', shape: 'jupyter-server', level: 'I', time: '2023-10-18T05:23:52.604Z', user: undefined },
  ]);
  const web = events[1];
  assert.ok(web.kind === 'http-error');
  assert.equal(web.message, "'_xsrf' argument missing from POST");
});

test('the classic notebook prefix has a time of day and no date: no time unless the envelope has one', async () => {
  const events = await read([
    '[W 21:35:59.166 NotebookApp] 403 GET /api/kernels?1672259759163 (127.0.0.1) 0.720000ms referer=None',
    '[W 21:36:01.825 NotebookApp] Forbidden',
    '2022-12-28T21:36:14.655123456Z [W 21:36:14.655 NotebookApp] 403 GET /api/sessions?1672259774651 (127.0.0.1) 0.910000ms referer=None',
  ].join('\n'));
  assert.deepEqual(events.map(summary), [
    { kind: 'access', shape: 'notebook', level: 'W', time: null, status: 403, path: '/api/kernels', ip: '127.0.0.1', user: null },
    { kind: 'request-refused', shape: 'notebook', level: 'W', time: null, user: null },
    { kind: 'access', shape: 'notebook', level: 'W', time: '2022-12-28T21:36:14.655Z', status: 403, path: '/api/sessions', ip: '127.0.0.1', user: null },
  ]);
  const first = events[0];
  assert.ok(first.kind === 'access');
  assert.deepEqual([first.query, first.durationMs, first.lt], ['1672259759163', 0.72, NaN]);
});

test('access lines without (user@ip): the earliest hubs, the 0.7 single-user server, tornado\'s own', async () => {
  const events = await read([
    '[W 2015-07-25 02:05:00.725 JupyterHub log:100] 403 GET /hub/oauth_callback?code=3a9f0c2e7b1d4e6f8a5c 311.85ms',
    '[I 2017-03-02 10:15:42.135 xyz log:47] 302 GET /user/xyz (127.0.0.1) 0.73ms',
    '[W 190722 14:43:58 web:2246] 403 GET /oauth_callback?code=x (127.0.0.1) 3.21ms',
    '[I 2017-11-02 10:00:00.000 JupyterHub log:100] 302 GET /hub/ \u2192 /hub/login (@10.0.0.1) 1.00ms',
  ].join('\n'));
  assert.deepEqual(events.map((e) => e.kind === 'access' && [e.status, e.method, e.path, e.user, e.ip, e.durationMs, e.location]), [
    [403, 'GET', '/hub/oauth_callback', null, '', 311.85, null],
    [302, 'GET', '/user/xyz', null, '127.0.0.1', 0.73, null],
    [403, 'GET', '/oauth_callback', null, '127.0.0.1', 3.21, null],
    [302, 'GET', '/hub/', null, '10.0.0.1', 1, '/hub/login'],
  ]);
  assert.deepEqual(events.map((e) => e.shape), ['jupyterhub', 'jupyterhub', 'tornado', 'jupyterhub']);
});

test("tornado's `(ip): message` warning is read under web:N of every prefix and as a whole jupyter_server or notebook message", async () => {
  const events = await read([
    '[W 2025-05-14 13:40:02.119 JupyterHub web:1873] 403 GET /hub/spawn (10.0.2.15): Your JupyterHub group membership is insufficient',
    '[W 2018-05-01 17:57:19.431 SingleUserNotebookApp web:1670] 403 GET /user/mrossi/api/contents (127.0.0.1): Forbidden',
    '[W 190722 14:43:58 web:1782] 403 GET /oauth_callback?code=x&state=y (127.0.0.1): oauth state does not match. Try logging in again.',
    '[W 2024-03-21 19:39:48.510 ServerApp] 403 POST /user/jo/rpc (10.100.1.0): Forbidden',
    '[W 21:36:01.825 NotebookApp] 403 GET /api/kernels (127.0.0.1): Forbidden',
    // CHP's own request lines are not tornado's, whatever they contain
    '22:14:58.690 [ConfigProxy] warn: 403 GET /api/routes (10.0.0.1): bad token',
  ].join('\n'));
  assert.deepEqual(events.map((e) => [e.kind, e.shape]), [
    ['http-error', 'jupyterhub'], ['http-error', 'singleuser'], ['http-error', 'tornado'], ['http-error', 'jupyter-server'], ['http-error', 'notebook'], ['message', 'chp'],
  ]);
});

test('near misses of the new prefixes stay unparsed', async () => {
  const lines = [
    '[I 2024-10-31 07:22:20.745 Server App] starting', // a space in the logger
    '[W 21:35:59 NotebookApp] no milliseconds',
    '[W 21:35:59.166NotebookApp] no space',
    '[Z 21:35:59.166 NotebookApp] no such level',
  ];
  const events = await read(lines.join('\n'));
  assert.deepEqual(events.map((e) => e.kind), lines.map(() => 'unparsed'));
});
