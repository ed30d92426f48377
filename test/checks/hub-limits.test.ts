// check-hub against hubs (or proxies in front of them) that answer oddly: huge pages, null, HTML,
// endless pages, endless bodies, a trickle. Each ends with exit 0/1 and a result, or exit 2 and
// one line on stderr; never a crash, a stack trace or a job that does not end.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { runCheckCli } from './helpers.js';

type Handler = (offset: number, res: ServerResponse) => void;
let handler: Handler = (_o, res) => res.end('[]');
let server: Server;
let api = '';

before(async () => {
  server = createServer((req, res) => {
    const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset') ?? 0);
    handler(offset, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(server.address() as { port: number }).port}/hub/api`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const check = (...extra: string[]) => runCheckCli(['check-hub', '--url', api, '--allowed', 'user0', '--format', 'json', ...extra], { JUPYTERHUB_API_TOKEN: 'tok' });

function oneLine(stderr: string, re: RegExp): void {
  assert.match(stderr, /^hubsleuth check-hub: [^\n]+\n$/, stderr);
  assert.match(stderr, re);
  assert.doesNotMatch(stderr, /\bat .+:\d+:\d+\)?$/m, 'no stack trace');
}

describe('check-hub answers and limits', () => {
  test('130 000 users on one page (a large api_page_max_limit) are all listed', async () => {
    const items = Array.from({ length: 130_000 }, (_, k) => ({ name: `user${k}`, admin: false }));
    const body = JSON.stringify({ items, _pagination: { offset: 0, limit: 130_000, total: 130_000, next: null } });
    handler = (_o, res) => res.end(body);
    const r = await check();
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { users: unknown[] }).users.length, 130_000);
    // The text table too: one row and one rule per user between the header and the bottom line.
    const text = await check('--format', 'text');
    assert.equal(text.code, 0, text.stderr);
    const table = text.stdout.split('\n').filter((l) => /^[┌├└│]/.test(l));
    assert.equal(table.length, 3 + 2 * 130_000);
    assert.match(table[table.length - 2], /^│ user99999 +│ no +│ - +│ - +│ not-allowed │$/);
  });

  test('more users than --max-users stop before they are read, on one page or many', async () => {
    // The densest page there is: a user every 13 bytes, well under the byte cap.
    const dense = `{"items": [${'{"name":"x"},'.repeat(200_000)}{"name":"x"}], "_pagination": {"next": null}}`;
    handler = (_o, res) => res.end(dense);
    const r = await check();
    assert.equal(r.code, 2);
    oneLine(r.stderr, /more than 200000 users; giving up \(raise --max-users\)\n$/);
    handler = (offset, res) => res.end(JSON.stringify({ items: Array.from({ length: 200 }, (_, k) => ({ name: `user${offset + k}` })), _pagination: { next: { offset: offset + 200 } } }));
    const paged = await check('--max-users', '1000');
    assert.equal(paged.code, 2);
    oneLine(paged.stderr, /more than 1000 users; giving up \(raise --max-users\)\n$/);
  });

  test('a null answer is a usage error naming what came', async () => {
    handler = (_o, res) => res.end('null');
    const r = await check();
    assert.equal(r.code, 2);
    oneLine(r.stderr, /unexpected answer \(null\)/);
  });

  test('an HTML page is "not JSON"', async () => {
    handler = (_o, res) => res.end('<html><body>login</body></html>');
    const r = await check();
    assert.equal(r.code, 2);
    oneLine(r.stderr, /the answer is not JSON/);
  });

  test('users without a name are refused, not listed as "undefined"', async () => {
    handler = (_o, res) => res.end(JSON.stringify({ items: [{ name: 'user0' }, { admin: true }], _pagination: { next: null } }));
    const r = await check();
    assert.equal(r.code, 2);
    oneLine(r.stderr, /user 1 has no name/);
  });

  test('pagination without end stops at --max-pages', async () => {
    handler = (offset, res) => res.end(JSON.stringify({ items: [{ name: `user${offset}` }], _pagination: { next: { offset: offset + 1 } } }));
    const r = await check('--max-pages', '5');
    assert.equal(r.code, 2);
    oneLine(r.stderr, /more than 5 pages of users; giving up \(raise --max-pages\)/);
  });

  test('a body without end stops at --max-bytes', async () => {
    handler = (_o, res) => {
      res.write('{"items": [');
      const chunk = '{"name": "x"},'.repeat(4096);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    };
    const r = await check('--max-bytes', '1M');
    assert.equal(r.code, 2);
    oneLine(r.stderr, /larger than 1 MiB in all; giving up \(raise --max-bytes\)/);
  });

  test('a trickle stops at --timeout', async () => {
    handler = (_o, res) => {
      res.write('{"items": [');
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 100);
    };
    const t0 = Date.now();
    const r = await check('--timeout', '1');
    assert.equal(r.code, 2);
    oneLine(r.stderr, /no complete user list within 1 s; giving up \(raise --timeout\)/);
    assert.ok(Date.now() - t0 < 10_000);
  });

  test('bad limit values are usage errors', async () => {
    for (const [opt, v] of [['--timeout', '0'], ['--max-pages', '1.5'], ['--max-bytes', 'lots'], ['--max-users', '-3']]) {
      const r = await check(opt, v);
      assert.equal(r.code, 2, `${opt} ${v}`);
      oneLine(r.stderr, new RegExp(`${opt} '${v.replace('.', '\\.')}'`));
    }
  });
});
