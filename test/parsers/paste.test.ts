// Logs as people paste them: what sits in front of a record, records broken over lines, and the
// lines a paste carries that are no records. Each case is what a reporter's paste really looks
// like (test/gallery has the excerpts); the parser must read the records as if the paste had not
// happened, name the rest, and account for every line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso, kinds, parse, sumLines } from './helpers.js';
import type { HubEvent } from '../../src/core/model/events.js';

const REFUSED = "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.";
const DELETED = '[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice (jupyterhub-idle-culler@::1) 85.12ms';
const ERROR = '[E 2025-05-14 10:22:03.000 JupyterHub web:1973] Uncaught exception GET /hub/home (10.0.2.15)';

/** kind, first line, lines, time and user of each event. */
function shape(events: HubEvent[]): Array<[string, number, number, string | null, string | null]> {
  return events.map((e) => {
    const u = e.kind === 'user-deleted' ? e.target : 'user' in e ? e.user : null;
    return [e.kind === 'paste-artifact' ? `paste-artifact:${e.artifact}` : e.kind, e.line, e.lines, iso(e.t), typeof u === 'string' ? u : null];
  });
}

async function read(lines: string[]) {
  const r = await parse(lines.join('\n') + '\n');
  assert.equal(sumLines(r.events), lines.length, 'every line in exactly one event');
  return r;
}

test('an indented block (Markdown code block, list item, tab): the indentation of its first record comes off every line', async () => {
  for (const ws of ['  ', '   ', '    ', '\t']) {
    const { events, stats } = await read([
      '- Hub logs when it happens:', '', `${ws}\`\`\``, `${ws}${DELETED}`, `${ws}${ERROR}`, `${ws}    Traceback (most recent call last):`, `${ws}${REFUSED}`, `${ws}\`\`\``,
    ]);
    assert.deepEqual(shape(events), [
      ['paste-artifact:markdown', 1, 1, null, null], ['paste-artifact:blank', 2, 1, null, null], ['paste-artifact:code-fence', 3, 1, null, null],
      ['user-deleted', 4, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['message', 5, 2, '2025-05-14T10:22:03.000Z', null],
      ['login-refused', 7, 1, '2025-05-14T13:40:02.118Z', 'alice'], ['paste-artifact:code-fence', 8, 1, null, null],
    ], JSON.stringify(ws));
    assert.equal(events[4].text, 'Uncaught exception GET /hub/home (10.0.2.15)\n    Traceback (most recent call last):');
    assert.deepEqual([stats.parsed, stats.artifacts, stats.fragments, stats.unparsed], [4, 4, 0, 0]);
  }
});

test('an indented docker compose paste: the indentation, then the compose prefix', async () => {
  const { events } = await read([`  hub-1   | ${DELETED}`, `  hub-1   | ${REFUSED}`]);
  assert.deepEqual(shape(events), [['user-deleted', 1, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['login-refused', 2, 1, '2025-05-14T13:40:02.118Z', 'alice']]);
  assert.deepEqual([events[0].envelope, events[0].container], ['compose', 'hub-1']);
});

test('Markdown: quotes, a bold line, a fence fused to the first line, inline code; prose in a quote is the reporter\'s', async () => {
  const { events } = await read(['```' + DELETED, `> ${REFUSED}`, '>', '> (the same for everybody)', `**${REFUSED}**`, '`' + REFUSED, '```']);
  assert.deepEqual(shape(events), [
    ['user-deleted', 1, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['login-refused', 2, 1, '2025-05-14T13:40:02.118Z', 'alice'],
    ['paste-artifact:blank', 3, 1, null, null], ['paste-artifact:prose', 4, 1, null, null],
    ['login-refused', 5, 1, '2025-05-14T13:40:02.118Z', 'alice'], ['login-refused', 6, 1, '2025-05-14T13:40:02.118Z', 'alice'],
    ['paste-artifact:code-fence', 7, 1, null, null],
  ]);
  assert.deepEqual(events.map((e) => e.envelope), ['markdown', 'markdown', 'markdown', 'markdown', 'markdown', 'markdown', 'plain']);
});

test('prose after a closed code block is the reporter\'s; before one, a label line is', async () => {
  const { events } = await read(['relevant lines:', '```', REFUSED, '```', 'and then it repeats and finally dies with', '```', DELETED, '```']);
  assert.deepEqual(kinds(events), ['paste-artifact', 'paste-artifact', 'login-refused', 'paste-artifact', 'paste-artifact', 'paste-artifact', 'user-deleted', 'paste-artifact']);
  assert.deepEqual(events.map((e) => (e.kind === 'paste-artifact' ? e.artifact : '')), ['markdown', 'code-fence', '', 'code-fence', 'prose', 'code-fence', '', 'code-fence']);
});

test('a missing opening bracket is put back; prose that starts like a level and a date is not', async () => {
  const { events } = await read([DELETED.slice(1), 'I 2025-05-14 we restarted the hub']);
  assert.deepEqual(shape(events), [['user-deleted', 1, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['unparsed', 2, 1, null, null]]);
});

test('k9s: box borders and padding come off; a row cut at the border goes on in the next row, a full row before a record stays whole', async () => {
  const box = (s: string, width = 90) => `│ ${s.padEnd(width)} │`;
  const exc = '[E 250120 20:16:20 ioloop:941] Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url=1)';
  const { events } = await read([
    box(DELETED.slice(0, 90)), box(REFUSED), box(exc.slice(0, 90)), box(exc.slice(90)), box('    Traceback (most recent call last):'), box(''),
  ]);
  assert.deepEqual(shape(events), [
    // The DELETE row was cut after its URI: the deletion is read, its sender (cut) is not.
    ['user-deleted', 1, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['login-refused', 2, 1, '2025-05-14T13:40:02.118Z', 'alice'],
    ['request-refused', 3, 3, '2025-01-20T20:16:20.000Z', null], ['paste-artifact:blank', 6, 1, null, null],
  ]);
  assert.equal(events[2].text, 'Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url=1)\n    Traceback (most recent call last):');
  assert.equal(events[0].envelope, 'k9s');
  assert.deepEqual(events[0].kind === 'user-deleted' && [events[0].actor, events[0].durationMs, events[0].cut], [null, null, 'tail']);
});

test('k9s: a request line cut at the border is read as far as it goes, and nothing past the cut is made up', async () => {
  const width = 100;
  const box = (s: string) => `│ ${s.slice(0, width).padEnd(width)} │`;
  const at = '[W 2025-05-14 13:40:02.120 JupyterHub log:192] ';
  const web = '[W 2025-05-14 13:40:02.119 JupyterHub web:1873] ';
  const { events } = await read([
    box(`${web}403 GET /hub/oauth_callback?next=%2Fuser%2Falice%2F&state=abcdefghijklmnopqrstuvwxyz (10.0.2.15): Sorry`),
    box(`${at}403 GET /hub/oauth_callback?next=%2Fuser%2Falice%2F&code=abcdefghijklmnopqrstuvwxyz0123456789 (@10.0.2.15) 3.1ms`),
    box(`${at}403 GET /user/alice-in-wonderland-with-a-name-long-enough-to-be-cut/api/contents (@10.0.2.15) 3.1ms`),
    box(`${at}403 GET /hub/api/users/x (alice@example.org@10.0.2.15) 1234.56ms`.replace('/x ', `/${'x'.repeat(18)} `)),
    // Not cut (the row ends before the border): prose that starts like a request line stays a message.
    box(`${at}403 GET /hub/`),
  ]);
  const reqs = events.map((e) => (e.kind === 'access' || e.kind === 'http-error' ? [e.kind, e.path, e.cut, 'user' in e ? e.user : e.hint?.user ?? null] : [e.kind]));
  assert.deepEqual(reqs, [
    ['http-error', '/hub/oauth_callback', 'query', 'alice'],
    ['access', '/hub/oauth_callback', 'query', null],
    ['access', '/user/alice-in-wonderland-with-a-name-long-en', 'path', null],
    ['access', `/hub/api/users/${'x'.repeat(18)}`, 'tail', null],
    ['message'],
  ]);
});

test('syslog: month names of seven languages, with and without the host, RFC 5424; the year comes from the records around', async () => {
  const { events } = await read([
    'Jul 06 11:55:29 lab systemd[1]: Started jupyterhub.service.',
    `mai 14 13:40:02 jupyterhub[812]: ${REFUSED}`,
    'mai 14 13:40:03 hub configurable-http-proxy[813]: 13:40:03.500 [ConfigProxy] info: 200 GET /api/routes ',
    `sept. 29 13:56:57.757123 hubvm jupyterhub[1749032]: ${REFUSED.replace('2025-05-14 13:40:02.118', '2024-09-29 13:56:57.757')}`,
    `Mär 19 11:33:04 srv jupyterhub[1]: ${REFUSED.replace('2025-05-14 13:40:02.118', '2021-03-19 11:33:04.987')}`,
    `<28>1 2025-05-20T07:58:20.115560+00:00 hub01 jupyterhub 812 - - ${REFUSED}`,
  ]);
  assert.deepEqual(shape(events), [
    // The first line's year is that of the first dated record after it.
    ['message', 1, 1, '2025-07-06T11:55:29.000Z', null],
    ['login-refused', 2, 1, '2025-05-14T13:40:02.000Z', 'alice'],
    ['message', 3, 1, '2025-05-14T13:40:03.000Z', null],
    ['login-refused', 4, 1, '2024-09-29T13:56:57.757Z', 'alice'],
    ['login-refused', 5, 1, '2021-03-19T11:33:04.000Z', 'alice'],
    ['login-refused', 6, 1, '2025-05-20T07:58:20.115Z', 'alice'],
  ]);
  assert.deepEqual(events.map((e) => e.envelope), ['syslog', 'syslog', 'syslog', 'syslog', 'syslog', 'rfc5424']);
  assert.equal(events[0].kind === 'message' && events[0].logger, 'systemd');
  assert.equal(iso(events[1].lt), '2025-05-14T13:40:02.118Z', 'the line keeps its own time as lt');
});

test('journald: short-iso, blob placeholders and the framing of journalctl and systemctl status are paste artefacts', async () => {
  const { events } = await read([
    '$ sudo systemctl status jupyterhub', '● jupyterhub.service - JupyterHub', '   Active: active (running) since Fri 2021-03-19 11:33:04 UTC; 7s ago',
    '-- Logs begin at Sun 2020-07-05 09:12:44 EDT, end at Mon 2020-07-06 11:58:02 EDT. --',
    `2025-06-02T09:15:11+0000 labvm jupyterhub[812]: ${REFUSED}`, 'May 14 12:40:10 labvm jupyterhub[812]: [68B blob data]',
  ]);
  assert.deepEqual(shape(events).map((e) => e[0]), ['paste-artifact:shell-prompt', 'paste-artifact:journald-marker', 'paste-artifact:journald-marker', 'paste-artifact:journald-marker', 'login-refused', 'paste-artifact:journald-blob']);
  assert.equal(iso(events[4].t), '2025-06-02T09:15:11.000Z');
});

test('syslog cut to its tag: kept where the tag has shown log lines, a traceback that lost its indentation joins its record', async () => {
  const { events } = await read([
    'hub: {}', 'jupyterhub: [E 2025-05-14 10:22:03.000 JupyterHub app:3000] Error notifying Hub of activity', 'jupyterhub: Traceback (most recent call last):',
    'jupyterhub: File "/opt/jupyterhub/singleuser.py", line 521, in notify', 'jupyterhub: await client.fetch(req)', 'jupyterhub: tornado.httpclient.HTTPError: HTTP 403: Forbidden',
    'jupyterhub: Using Spawner: batchspawner.TorqueSpawner',
  ]);
  assert.deepEqual(shape(events), [['unparsed', 1, 1, null, null], ['request-refused', 2, 5, '2025-05-14T10:22:03.000Z', null], ['message', 7, 1, null, null]]);
  assert.equal(events[0].text, 'hub: {}');
});

test('stern, plain and coloured; its start lines are paste artefacts', async () => {
  const { events } = await read([
    '\x1b[92;1m+\x1b[0m \x1b[96mhub-6f9c7d8b5-k2lqz\x1b[0m › \x1b[36mhub\x1b[0m',
    `\x1b[96mhub-6f9c7d8b5-k2lqz\x1b[0m \x1b[36mhub\x1b[0m ${DELETED}`,
    `hub-6f9c7d8b5-k2lqz hub ${REFUSED}`,
    'hub-6f9c7d8b5-k2lqz hub Loading /usr/local/etc/jupyterhub/secret/values.yaml',
    'well-known issue here',
  ]);
  assert.deepEqual(shape(events).map((e) => e[0]), ['paste-artifact:tool-notice', 'user-deleted', 'login-refused', 'hub-start', 'unparsed']);
  assert.deepEqual([events[2].envelope, events[2].pod, events[2].container], ['stern', 'hub-6f9c7d8b5-k2lqz', 'hub']);
});

test('line numbers of cat -n and of editors, a viewer\'s time before each line, a log viewer\'s table', async () => {
  const { events } = await read([
    `     1\t${DELETED}`, `  2 ${ERROR}`, '  3     Traceback (most recent call last):',
    `10:22:03 ${ERROR}`, '10:22:03     Traceback (most recent call last):', '10:22:03 jupyterhub/singleuser/mixins.py", line 536, in notify',
    '|   timestamp   |   message   |', '|---------------|-------------|', `| 1641302415403 | ${REFUSED}   |`,
  ]);
  assert.deepEqual(shape(events), [
    ['user-deleted', 1, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['message', 2, 2, '2025-05-14T10:22:03.000Z', null],
    ['message', 4, 3, '2025-05-14T10:22:03.000Z', null],
    ['paste-artifact:table', 7, 1, null, null], ['paste-artifact:table', 8, 1, null, null],
    ['login-refused', 9, 1, '2022-01-04T13:20:15.403Z', 'alice'],
  ]);
  assert.deepEqual(events.map((e) => e.envelope), ['line-numbers', 'line-numbers', 'viewer-time', 'plain', 'plain', 'table']);
  // The viewer's time comes off the continuation lines too (a traceback frame whose start the copy cut).
  assert.equal(events[2].text, 'Uncaught exception GET /hub/home (10.0.2.15)\n    Traceback (most recent call last):\njupyterhub/singleuser/mixins.py", line 536, in notify');
});

test('hard wraps marked with a backslash and terminal soft wraps are rejoined, and only when the pieces fit', async () => {
  const long = '[I 2016-04-21 13:23:14.897 JupyterHub spawner:465] Spawning jupyterhub-singleuser --user=stu12 --port=44919 --cookie-name=jupyter-hub-token-stu12 --base-url=/user/stu12 --ip=127.0.0.1';
  const { events } = await read([
    '[I 2025-04-02 09:30:00.101 JupyterHub log:192] 302 GET /hub/ -> /hub/login?next=%2Fhub%2F (@10.0.2.1 \\', '5) 0.95ms',
    long.slice(0, 120), long.slice(120),
    // A whole line of a terminal's width that reads as what it is: nothing is joined to it.
    '[I 2025-05-13 07:58:13.712 JupyterHub app:2886] Running JupyterHub version 4.1.5', 'x) stray text',
  ]);
  assert.deepEqual(shape(events), [
    ['access', 1, 2, '2025-04-02T09:30:00.101Z', null], ['message', 3, 2, '2016-04-21T13:23:14.897Z', null],
    ['hub-start', 5, 1, '2025-05-13T07:58:13.712Z', null], ['unparsed', 6, 1, null, null],
  ]);
  assert.ok(events[0].kind === 'access');
  assert.deepEqual([events[0].ip, events[0].durationMs], ['10.0.2.15', 0.95]);
  assert.equal(events[1].text, long.slice(long.indexOf('] ') + 2), 'the evidence shows the rejoined line');
});

test('blank lines: inside a record when a continuation follows, its last line when tornado ended it with one, else the paste\'s', async () => {
  const { events } = await read([
    ERROR, '    Traceback (most recent call last):', '', '    ZeroDivisionError: division by zero', '', DELETED, '', REFUSED, '', '', DELETED,
  ]);
  assert.deepEqual(shape(events), [
    ['message', 1, 5, '2025-05-14T10:22:03.000Z', null], ['user-deleted', 6, 1, '2025-05-14T10:22:00.601Z', 'alice'], ['paste-artifact:blank', 7, 1, null, null],
    ['login-refused', 8, 1, '2025-05-14T13:40:02.118Z', 'alice'], ['paste-artifact:blank', 9, 1, null, null], ['paste-artifact:blank', 10, 1, null, null],
    ['user-deleted', 11, 1, '2025-05-14T10:22:00.601Z', 'alice'],
  ]);
});

test('a double-spaced paste: the blank lines inside records are theirs, the others the paste\'s', async () => {
  const { events } = await read([ERROR, '', '    Traceback (most recent call last):', '', DELETED, '', REFUSED, '']);
  assert.deepEqual(shape(events).map((e) => [e[0], e[1], e[2]]), [
    ['message', 1, 3], ['paste-artifact:blank', 4, 1], ['user-deleted', 5, 1], ['paste-artifact:blank', 6, 1], ['login-refused', 7, 1], ['paste-artifact:blank', 8, 1],
  ]);
});

test('a paste that starts inside a traceback: one fragment, no record made up for it; a bare Python traceback is one record (the culler\'s crash on a 403 is a refusal)', async () => {
  const { events, stats } = await read([
    '      File "/usr/local/lib/python3.6/dist-packages/jupyterhub/user.py", line 486, in spawn',
    '        raise e',
    '    tornado.util.TimeoutError: Timeout',
    '',
    REFUSED,
    '...',
    'Traceback (most recent call last):',
    '  File "/srv/cull/cull_idle_servers.py", line 93, in <module>',
    '    loop.run_sync(cull)',
    'tornado.httpclient.HTTPError: HTTP 403: Forbidden',
  ]);
  assert.deepEqual(shape(events), [
    ['fragment', 1, 3, null, null], ['paste-artifact:blank', 4, 1, null, null], ['login-refused', 5, 1, '2025-05-14T13:40:02.118Z', 'alice'],
    ['paste-artifact:elision', 6, 1, null, null], ['request-refused', 7, 4, null, null],
  ]);
  assert.equal(events[4].shape, 'traceback');
  assert.deepEqual([stats.parsed, stats.artifacts, stats.fragments, stats.unparsed], [5, 2, 3, 0]);
});

test('a record pasted after a sentence on the same line: the record is read, the sentence stays in its raw text', async () => {
  const { events } = await read([`The hub says:${REFUSED}`]);
  assert.deepEqual(shape(events), [['login-refused', 1, 1, '2025-05-14T13:40:02.118Z', 'alice']]);
  assert.equal(events[0].raw, `The hub says:${REFUSED}`);
});

test('shell prompts, commands and the tools\' own notices are paste artefacts, scrubbed like any line', async () => {
  const { events } = await read([
    '$ kubectl logs deploy/hub -n jhub --token=abcdefabcdefabcdefabcdefabcdef12', 'me@devbox:~/deploy$ docker-compose up', 'Attaching to jupyterhub',
    'kubectl --namespace=lab get pod', 'NAME                   READY   STATUS             RESTARTS   AGE', 'cull-1750684654-x7k2p  0/1     CrashLoopBackOff   1104       3d',
    'Defaulted container "notebook" out of: notebook, volume-mount-ownership-fix (init)',
  ]);
  assert.deepEqual(events.map((e) => (e.kind === 'paste-artifact' ? e.artifact : e.kind)), ['shell-prompt', 'shell-prompt', 'tool-notice', 'shell-prompt', 'table', 'table', 'tool-notice']);
  assert.ok(!events[0].text.includes('abcdefabcdef'), events[0].text);
});

test('continuation lines that lost their indentation: after a prefix with no message, and a template\'s known second line', async () => {
  const { events } = await read([
    '[W 2017-10-06 10:13:34.732 JupyterHub app:304]',
    'Generating CONFIGPROXY_AUTH_TOKEN. Restarting the Hub will require restarting the proxy.',
    'Set CONFIGPROXY_AUTH_TOKEN env or JupyterHub.proxy_auth_token config to avoid this message.',
    '',
    "[E 2017-10-06 10:13:34.768 JupyterHub app:924] Proxy appears to be running at http://*:8000/, but I can't access it (HTTP 403: Forbidden)",
    'Did CONFIGPROXY_AUTH_TOKEN change?',
    '[W 2017-10-06 10:13:34.736 JupyterHub app:757] No admin users, admin interface will be unavailable.',
    'Did CONFIGPROXY_AUTH_TOKEN change?',
  ]);
  assert.deepEqual(shape(events), [
    ['message', 1, 4, '2017-10-06T10:13:34.732Z', null], ['request-refused', 5, 2, '2017-10-06T10:13:34.768Z', null],
    ['message', 7, 1, '2017-10-06T10:13:34.736Z', null], ['unparsed', 8, 1, null, null],
  ]);
});

test('a known message word-wrapped at a space in an indented block: the unindented piece is rejoined and the block goes on', async () => {
  const { events } = await read([
    '    [W 2017-09-06 12:37:32.129 gh-stranger login:225] All authentication is',
    'disabled.  Anyone who can connect to this server will be able to run code.',
    '    [I 2017-09-06 12:37:32.301 JupyterHub log:100] 302 GET /hub/user/gh-stranger (gh-stranger@10.0.0.5) 9.03ms',
    '    [W 2017-09-06 12:37:33.129 gh-stranger login:225] All authentication is',
    'disabled, says the reporter.',
  ]);
  assert.deepEqual(shape(events), [
    ['message', 1, 2, '2017-09-06T12:37:32.129Z', null], ['access', 3, 1, '2017-09-06T12:37:32.301Z', 'gh-stranger'],
    ['message', 4, 1, '2017-09-06T12:37:33.129Z', null], ['unparsed', 5, 1, null, null],
  ]);
  assert.equal(events[0].text, 'All authentication is disabled.  Anyone who can connect to this server will be able to run code.');
});
