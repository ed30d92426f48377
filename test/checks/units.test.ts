// Small pure pieces: helm-style merging, user comparison, URL/time helpers, renderers, API client
// edge cases (pre-2.0 hubs answer a plain array), SQLite usage errors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { compareUsers, parseAllowedList } from '../../src/checks/allowed.js';
import { maskUrl, readSqliteUsers, toIsoUtc } from '../../src/checks/db.js';
import { fetchHubUsers, normalizeApiUrl } from '../../src/checks/hub-api.js';
import { renderCheck } from '../../src/checks/report.js';
import { CHECK_SCHEMA, type CheckResult, type CheckUser } from '../../src/core/model/checks.js';
import { HubsleuthError } from '../../src/core/errors.js';
import { mergeValues } from '../../src/checks/values.js';

describe('values merge (helm -f semantics) keeps lines', () => {
  const lv = mergeValues([
    { source: 'a.yaml', text: 'cull:\n  users: true\n  timeout: 10\nlist: [1, 2]\nanchors:\n  base: &b {x: 1}\n  copy: *b\n' },
    { source: 'b.yaml', text: '# override\ncull:\n  timeout: 20\nlist: [3]\n' },
  ]);
  test('maps merge, scalars and lists replace, evidence follows the last writer', () => {
    assert.deepEqual(lv.values.cull, { users: true, timeout: 20 });
    assert.deepEqual(lv.values.list, [3]);
    assert.deepEqual(lv.locate(['cull', 'users']), { source: 'a.yaml', line: 2, text: 'users: true' });
    assert.deepEqual(lv.locate(['cull', 'timeout']), { source: 'b.yaml', line: 3, text: 'timeout: 20' });
    assert.deepEqual(lv.get(['anchors', 'copy']), { x: 1 });
  });
  test('duplicate keys are invalid YAML', () => {
    assert.throws(() => mergeValues([{ source: 'd.yaml', text: 'a: 1\na: 2\n' }]), (e: Error) => e instanceof HubsleuthError && /^d\.yaml: invalid YAML \(line 2/.test(e.message));
  });
  test('an empty file is an empty set of values', () => {
    assert.deepEqual(mergeValues([{ source: 'e.yaml', text: '# nothing\n' }]).values, {});
  });
});

describe('compareUsers', () => {
  const u = (name: string, admin = false): CheckUser => ({ name, admin, created: null, lastActivity: null });
  test('case-insensitive like JupyterHub normalisation; admins are not double-reported', () => {
    const c = compareUsers({ allowed: parseAllowedList('Alice, bob,admin'), admins: ['admin'], from: 'x', evidence: [] }, [u('alice'), u('eve')], 'the hub');
    assert.deepEqual(c.findings.map((f) => [f.kind, f.users]), [
      ['allowed-user-missing', ['bob']],
      ['admin-missing', ['admin']],
      ['user-not-allowed', ['eve']],
    ]);
    assert.deepEqual(c.users.map((x) => x.status), ['allowed', 'not-allowed']);
  });
  test('no expected list: only listing', () => {
    const c = compareUsers(null, [u('alice')], 'the database');
    assert.deepEqual(c.findings, []);
    assert.equal(c.users[0]?.status, 'unchecked');
  });
  test('--allowed with nothing in it is a usage error', () => {
    assert.throws(() => parseAllowedList(' , '), HubsleuthError);
  });
});

describe('helpers', () => {
  test('toIsoUtc reads naive UTC text from SQLite and PostgreSQL', () => {
    assert.equal(toIsoUtc('2026-11-25 23:35:06.381672'), '2026-11-25T23:35:06.381Z');
    assert.equal(toIsoUtc('2025-05-14 09:00:00'), '2025-05-14T09:00:00.000Z');
    assert.equal(toIsoUtc('2026-11-25T23:35:06.381672Z'), '2026-11-25T23:35:06.381Z');
    assert.equal(toIsoUtc(null), null);
  });
  test('maskUrl hides only the password', () => {
    assert.equal(maskUrl('postgresql://hub:p%40ss@db:5432/jupyterhub?sslmode=require'), 'postgresql://hub:[secret]@db:5432/jupyterhub?sslmode=require');
    assert.equal(maskUrl('postgresql://db/jupyterhub'), 'postgresql://db/jupyterhub');
  });
  test('normalizeApiUrl accepts the API, hub or site URL', () => {
    for (const s of ['http://hub:8081/hub/api', 'http://hub:8081/hub/api/', 'http://hub:8081/hub/', 'http://hub:8081']) {
      assert.equal(normalizeApiUrl(s).toString(), 'http://hub:8081/hub/api');
    }
    assert.equal(normalizeApiUrl('https://x.org/jh/hub').toString(), 'https://x.org/jh/hub/api');
    assert.throws(() => normalizeApiUrl('hub:8081'), HubsleuthError);
  });
});

describe('hub API client', () => {
  test('a pre-2.0 hub answering a plain array; the token goes in the Authorization header', async () => {
    let auth = '';
    const server = createServer((req, res) => {
      auth = req.headers.authorization ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify([{ name: 'alice', admin: false, created: '2020-01-01T00:00:00.000000Z', last_activity: null }]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const users = await fetchHubUsers(`http://127.0.0.1:${port}/hub/api`, 'tok');
      assert.deepEqual(users, [{ name: 'alice', admin: false, created: '2020-01-01T00:00:00.000Z', lastActivity: null }]);
      assert.equal(auth, 'token tok');
    } finally {
      server.close();
    }
  });
});

describe('SQLite reader', () => {
  test('a missing file or a non-JupyterHub database is a usage error, and nothing is created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-sqlite-'));
    try {
      assert.throws(() => readSqliteUsers(join(dir, 'nope.sqlite')), /cannot open SQLite database read-only/);
      const other = join(dir, 'other.sqlite');
      new Database(other).exec('CREATE TABLE t (x)').close();
      assert.throws(() => readSqliteUsers(other), /not a JupyterHub database \(no such table: users\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderers', () => {
  const r: CheckResult = {
    schema: CHECK_SCHEMA,
    command: 'check-db',
    sources: ['hub.sqlite'],
    findings: [{ kind: 'allowed-user-missing', severity: 'error', at: null, summary: 'bob missing', fix: 'restart', users: ['bob'], evidence: [{ source: 'v.yaml', line: 3, text: 'allowed_users: [a|b]' }] }],
    users: [{ name: 'alice', admin: false, created: '2025-01-01T00:00:00.000Z', lastActivity: null, status: 'allowed' }],
  };
  test('markdown escapes table pipes and lists evidence', () => {
    const md = renderCheck(r, 'markdown');
    assert.match(md, /^## hubsleuth check-db: 1 error$/m);
    assert.match(md, /^- `v\.yaml:3`: `allowed_users: \[a\|b\]`$/m);
    assert.match(md, /^\| alice \| no \| 2025-01-01T00:00:00\.000Z \| - \| allowed \|$/m);
  });
  test('json round-trips', () => {
    assert.deepEqual(JSON.parse(renderCheck(r, 'json')), r);
  });
});
