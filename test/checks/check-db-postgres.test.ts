// check-db against a real PostgreSQL server holding JupyterHub's users table (the DDL its own ORM
// emits, fixtures/jupyterhub-3.0.0-users.postgresql.sql): findings, exact timestamps, and proof
// from the server's statement log that the check only ran a read-only transaction.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { findPostgresBin, startPostgres, type Postgres } from './postgres.js';
import { fixture, ROOT, runCheckCli } from './helpers.js';
import { skipUnless } from '../helpers/skip.js';
import type { CheckResult } from '../../src/core/model/checks.js';

const skip = skipUnless(findPostgresBin() !== null, 'PostgreSQL server (Debian package postgresql)');

describe('check-db on PostgreSQL', { skip }, () => {
  let server: Postgres;
  let readerUrl: string;
  let values: string;
  let valuesDir: string;

  async function sql(db: string, text: string): Promise<pg.QueryResult<Record<string, unknown>>> {
    const c = new pg.Client({ connectionString: server.url(db) });
    await c.connect();
    try {
      return await c.query<Record<string, unknown>>(text);
    } finally {
      await c.end();
    }
  }
  const snapshot = async () =>
    (await sql('jupyterhub', 'SELECT md5(string_agg(u::text, \',\' ORDER BY id)) AS h, count(*)::int AS n FROM users u')).rows[0];

  before(async () => {
    server = await startPostgres();
    await sql('postgres', 'CREATE DATABASE jupyterhub');
    await sql('jupyterhub', readFileSync(join(ROOT, fixture('jupyterhub-3.0.0-users.postgresql.sql')), 'utf8'));
    await sql('jupyterhub', `INSERT INTO users (name, admin, created, last_activity, cookie_id) VALUES
      ('admin',   true,  '2025-05-01 08:00:00',        '2025-05-14 09:00:00.5', 'c1'),
      ('alice',   false, '2025-05-02 10:00:00.123456', '2025-05-14 10:22:00',   'c2'),
      ('carol',   false, '2025-05-03 11:30:00',        NULL,                    'c3'),
      ('mallory', false, '2025-05-04 12:00:00',        '2025-05-13 23:59:59',   'c4')`);
    // The least privilege check-db needs: SELECT on users.
    await sql('jupyterhub', "CREATE ROLE hubsleuth_reader LOGIN PASSWORD 's3cret'; GRANT SELECT ON users TO hubsleuth_reader");
    readerUrl = `postgresql://hubsleuth_reader:s3cret@127.0.0.1:${server.port}/jupyterhub`;
    valuesDir = mkdtempSync(join(tmpdir(), 'hubsleuth-pgvalues-'));
    values = join(valuesDir, 'config.yaml');
    writeFileSync(values, 'hub:\n  config:\n    Authenticator:\n      admin_users: [admin, root]\n      allowed_users: [alice, bob, carol]\n');
  });
  after(() => {
    server?.stop();
    if (valuesDir) rmSync(valuesDir, { recursive: true, force: true });
  });

  test('allowed user and admin missing → exit 1; extra user → warning; exact rows', async () => {
    const before = await snapshot();
    // A non-UTC zone for the CLI: naive UTC timestamps must not shift.
    const r = await runCheckCli(['check-db', readerUrl, '--allowed-from', values, '--format', 'json'], { TZ: 'America/New_York' });
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout) as Required<CheckResult>;
    assert.deepEqual(j.sources, [`postgresql://hubsleuth_reader:[secret]@127.0.0.1:${server.port}/jupyterhub`]);
    assert.ok(!r.stdout.includes('s3cret'));
    assert.deepEqual(
      j.findings.map((f) => [f.kind, f.severity, f.users]),
      [
        ['allowed-user-missing', 'error', ['bob']],
        ['admin-missing', 'error', ['root']],
        ['user-not-allowed', 'warning', ['mallory']],
      ],
    );
    assert.deepEqual(j.users, [
      { name: 'admin', admin: true, created: '2025-05-01T08:00:00.000Z', lastActivity: '2025-05-14T09:00:00.500Z', status: 'admin' },
      { name: 'alice', admin: false, created: '2025-05-02T10:00:00.123Z', lastActivity: '2025-05-14T10:22:00.000Z', status: 'allowed' },
      { name: 'carol', admin: false, created: '2025-05-03T11:30:00.000Z', lastActivity: null, status: 'allowed' },
      { name: 'mallory', admin: false, created: '2025-05-04T12:00:00.000Z', lastActivity: '2025-05-13T23:59:59.000Z', status: 'not-allowed' },
    ]);
    assert.deepEqual(await snapshot(), before, 'table unchanged');
  });

  test('the server log shows only a read-only transaction from hubsleuth', async () => {
    await runCheckCli(['check-db', readerUrl, '--allowed', 'alice']);
    const ours = server.log().split('\n').filter((l) => l.startsWith('hubsleuth|') && l.includes('statement: '));
    assert.ok(ours.length >= 3, server.log().slice(-2000));
    for (const l of ours) {
      const stmt = l.slice(l.indexOf('statement: ') + 'statement: '.length);
      assert.ok(/^(BEGIN READ ONLY|SELECT name, admin, created::text|ROLLBACK)/.test(stmt), `unexpected statement: ${stmt}`);
    }
  });

  test('--allowed only: everyone listed is present → exit 0, text table', async () => {
    const r = await runCheckCli(['check-db', readerUrl, '--allowed', 'Alice,carol,admin']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^hubsleuth check-db: 1 warning \(postgresql:\/\/hubsleuth_reader:\[secret\]@127\.0\.0\.1:\d+\/jupyterhub\)$/m);
    assert.match(r.stdout, /│ alice +│ no +│ 2025-05-02T10:00:00\.123Z │ 2025-05-14T10:22:00\.000Z │ allowed +│/);
  });

  test('a database without the users table → exit 2', async () => {
    const r = await runCheckCli(['check-db', server.url('postgres')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hubsleuth check-db: postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres: not a JupyterHub database \(relation "users" does not exist\)\n$/);
  });

  test('nothing listening → exit 2 with one line', async () => {
    const r = await runCheckCli(['check-db', 'postgresql://u:pw@127.0.0.1:1/jupyterhub']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hubsleuth check-db: postgresql:\/\/u:\[secret\]@127\.0\.0\.1:1\/jupyterhub: cannot connect: .*ECONNREFUSED.*\n$/);
  });
});
