// tornado's default prefix (`[L yymmdd hh:mm:ss module:N]`) is the culler's only when its module or
// callback says so; Python tracebacks without a prefix are one record, alone or after the record
// they belong to; and prefixes damaged by pasted markdown links are read again once repaired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso, parse } from './helpers.js';
import type { HubEvent } from '../../src/core/model/events.js';

async function read(lines: string[]): Promise<HubEvent[]> {
  return (await parse(lines.join('\n') + '\n')).events;
}

test('a 2-digit year is the culler only with its modules or its cull_idle callback; BinderHub stays tornado', async () => {
  const events = await read([
    '[I 250514 09:12:00 __init__:241] Culling server alice (inactive for 01:04:12)',
    '[I 180226 13:11:23 cull_idle_servers:80] Culling server for dave (inactive since 2018-02-26T12:00:01.000Z)',
    "[E 250120 20:16:20 ioloop:941] Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api')",
    "[W 190722 14:43:58 auth:972] oauth state '<redacted>' != None",
    '[E 250307 13:55:56 launcher:208] Error creating user x: HTTP 403: Forbidden',
    '[E 250307 13:55:57 ioloop:761] Exception in callback <bound method Launcher.launch>',
  ]);
  assert.deepEqual(events.map((e) => [e.shape, iso(e.t)]), [
    ['idle-culler', '2025-05-14T09:12:00.000Z'], ['idle-culler', '2018-02-26T13:11:23.000Z'], ['idle-culler', '2025-01-20T20:16:20.000Z'],
    ['tornado', '2019-07-22T14:43:58.000Z'], ['tornado', '2025-03-07T13:55:56.000Z'], ['tornado', '2025-03-07T13:55:57.000Z'],
  ]);
});

const CRASH = [
  'Traceback (most recent call last):',
  '  File "/srv/cull/cull_idle_servers.py", line 93, in <module>',
  '    loop.run_sync(cull)',
  '  File "/srv/cull/cull_idle_servers.py", line 42, in cull_idle',
  '    resp = yield client.fetch(req)',
  'tornado.httpclient.HTTPError: HTTP 403: Forbidden',
];

test('a bare traceback is one record, from its header to its exception line, and the culler\'s 403 crash a refusal; the next record starts after it', async () => {
  const events = await read([...CRASH, '[I 2017-09-01 10:00:00.000 JupyterHub app:100] next']);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.kind, e.shape, e.level ?? null]), [
    [1, 6, 'request-refused', 'traceback', null], [7, 1, 'message', 'jupyterhub', 'I'],
  ]);
  assert.equal(events[0].text, CRASH.join('\n'));
  // The culler's script crashed on a refused request: its own error, with the status it shows.
  assert.ok(events[0].kind === 'request-refused');
  assert.deepEqual([events[0].reason, events[0].status], ['culler', 403]);
});

test("a traceback whose indentation was lost is joined to the culler's ioloop record it follows", async () => {
  const events = await read([
    "[E 250120 20:16:20 ioloop:941] Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api')",
    ...CRASH.slice(0, 5),
    'tornado.httpclient.HTTPClientError: HTTP 403: Forbidden',
    'HTTP 403: Forbidden',
    'pycurl is recommended if you have a large number of users.',
  ]);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.shape]), [[1, 8, 'idle-culler'], [9, 1, 'none']]);
});

test("culler 2.0's last-resort output: the callback line says it is the culler's, asyncio's report stays a traceback", async () => {
  const events = await read([
    "Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api')",
    ...CRASH.slice(0, 3),
    'tornado.httpclient.HTTPClientError: HTTP 403: Forbidden',
    'Task exception was never retrieved',
    "future: <Task finished name='Task-1' coro=<cull_idle() done> exception=HTTPClientError(403)>",
    ...CRASH.slice(0, 3),
    'tornado.httpclient.HTTPClientError: HTTP 403: Forbidden',
  ]);
  assert.deepEqual(events.map((e) => [e.line, e.lines, e.shape, e.level ?? null]), [[1, 5, 'idle-culler', 'E'], [6, 6, 'traceback', null]]);
});

test('a module:line turned into a markdown link is read as the prefix it was; the message keeps its own text', async () => {
  const events = await read([
    '[W 2022-10-10 14:34:49.703 JupyterHub web:[179](https://github.com/example-org/binderhub/actions/runs/2987255039/jobs/4789548250#step:28:182)6] 403 GET /hub/api/oauth2/authorize?client_id=service-binder (::ffff:10.1.1.85): You do not have permission to access JupyterHub service binder',
    "[W 2024-01-09 10:00:00.120 JupyterHub [auth.py](http://auth.py):534] User 'dana' not allowed.",
    // a link in the message only is left as it is: the prefix was never damaged
    '[I 2024-01-09 10:00:01.000 JupyterHub app:100] See [docs](https://example.org/docs) for more',
    // a link that does not give back a known prefix changes nothing
    '[docs](https://example.org/docs) say so',
  ]);
  assert.deepEqual(events.map((e) => [e.kind, e.shape, iso(e.t)]), [
    ['http-error', 'jupyterhub', '2022-10-10T14:34:49.703Z'], ['login-refused', 'jupyterhub', '2024-01-09T10:00:00.120Z'],
    ['message', 'jupyterhub', '2024-01-09T10:00:01.000Z'], ['unparsed', 'none', null],
  ]);
  const web = events[0];
  assert.ok(web.kind === 'http-error');
  assert.deepEqual([web.status, web.path, web.message], [403, '/hub/api/oauth2/authorize', 'You do not have permission to access JupyterHub service binder']);
  assert.ok(web.raw.includes('web:[179](https://github.com/'), 'the evidence shows the line as it was pasted');
});
