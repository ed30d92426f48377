// check-db never writes: not the database, not its -wal or -shm, not the folder it is in; and it
// reads what the hub committed, also while the hub holds the database open, locked, or in a folder
// it may not write.
import { after, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/cli.js';

// Every folder a test makes is removed when the file's tests are done.
const folders: string[] = [];
const made = (dir: string): string => (folders.push(dir), dir);
after(() => {
  for (const d of folders) rmSync(d, { recursive: true, force: true });
});

const USERS = 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, admin BOOLEAN, created DATETIME, last_activity DATETIME)';
const addUser = (db: Database.Database, name: string) => db.prepare("INSERT INTO users (name, admin, created) VALUES (?, 0, '2025-05-01 08:00:00.000000')").run(name);

function hubDb(mode: 'wal' | 'delete'): { dir: string; file: string; db: Database.Database } {
  const dir = made(mkdtempSync(join(tmpdir(), 'hubsleuth-db-untouched-')));
  const file = join(dir, 'jupyterhub.sqlite');
  const db = new Database(file);
  db.pragma(`journal_mode = ${mode}`);
  // The hub's commits stay in the -wal (no checkpoint), as between checkpoints of a running hub.
  db.pragma('wal_autocheckpoint = 0');
  db.exec(USERS);
  addUser(db, 'alice');
  addUser(db, 'bob');
  return { dir, file, db };
}

/**
 * Every file in the folder with its hash: equal before and after means nothing was touched. Hashed
 * by another process: closing any descriptor of the database here would drop the locks the
 * connection in this process holds (POSIX record locks belong to the process).
 */
function snapshot(dir: string): Record<string, string> {
  const hashAll = "const { createHash } = require('crypto'); const { readFileSync } = require('fs'); console.log(JSON.stringify(Object.fromEntries(process.argv.slice(1).map((n) => [n, createHash('sha256').update(readFileSync(n)).digest('hex')]))))";
  return JSON.parse(execFileSync(process.execPath, ['-e', hashAll, ...readdirSync(dir).sort()], { cwd: dir, encoding: 'utf8' })) as Record<string, string>;
}

async function users(file: string, opts: Parameters<typeof runCli>[1] = {}): Promise<string[]> {
  const r = await runCli(['check-db', file, '--format', 'json'], opts);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  return (JSON.parse(r.stdout) as { users: Array<{ name: string }> }).users.map((u) => u.name);
}

test('a WAL database the hub holds open: its commits in the -wal are read, database, -wal, -shm and folder unchanged', async () => {
  const { dir, file, db } = hubDb('wal');
  try {
    addUser(db, 'carol');
    const before = snapshot(dir);
    assert.deepEqual(Object.keys(before), ['jupyterhub.sqlite', 'jupyterhub.sqlite-shm', 'jupyterhub.sqlite-wal']);
    assert.deepEqual(await users(file), ['alice', 'bob', 'carol']);
    assert.deepEqual(snapshot(dir), before);
  } finally {
    db.close();
  }
});

test('a WAL database closed by the hub: no -wal or -shm is created beside it', async () => {
  const { dir, file, db } = hubDb('wal');
  db.close();
  const before = snapshot(dir);
  assert.deepEqual(Object.keys(before), ['jupyterhub.sqlite']);
  assert.deepEqual(await users(file), ['alice', 'bob']);
  assert.deepEqual(snapshot(dir), before);
});

test('a database another process holds an exclusive lock on: what was committed is read, nothing changed', async () => {
  const { dir, file, db } = hubDb('delete');
  try {
    db.exec('BEGIN EXCLUSIVE');
    addUser(db, 'uncommitted');
    const before = snapshot(dir);
    assert.deepEqual(await users(file), ['alice', 'bob']);
    assert.deepEqual(snapshot(dir), before);
  } finally {
    db.exec('ROLLBACK');
    db.close();
  }
});

test('a WAL database in a folder the user may not write: read, nothing created', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to run the CLI as another user');
  const { dir, file, db } = hubDb('wal');
  db.close();
  chmodSync(file, 0o644);
  chmodSync(dir, 0o555);
  const before = snapshot(dir);
  assert.deepEqual(await users(file, { user: { uid: 65534, gid: 65534 } }), ['alice', 'bob']);
  assert.deepEqual(snapshot(dir), before);
});

test('not a database, a folder, an unreadable file: one line naming it, exit 2', async () => {
  const dir = made(mkdtempSync(join(tmpdir(), 'hubsleuth-db-untouched-')));
  const text = join(dir, 'notes.sqlite');
  writeFileSync(text, 'x'.repeat(4096));
  const secret = join(dir, 'secret.sqlite');
  new Database(secret).exec(USERS).close();
  chmodSync(secret, 0o600);
  chmodSync(dir, 0o755);
  const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  for (const [target, line, user] of [
    [text, `${text}: not an SQLite database (file is not a database)`, undefined],
    [dir, `${dir}: cannot open SQLite database read-only: is a directory`, undefined],
    [secret, `${secret}: cannot open SQLite database read-only: permission denied (${secret})`, nobody],
  ] as const) {
    const r = await runCli(['check-db', target], { user });
    assert.equal(r.stderr, `hubsleuth check-db: ${line}\n`);
    assert.equal(r.code, 2);
  }
  assert.ok(!existsSync(join(dir, 'notes.sqlite-journal')));
  assert.deepEqual(readdirSync(dir).sort(), ['notes.sqlite', 'secret.sqlite']);
});
