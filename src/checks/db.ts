// Read JupyterHub's `users` table (jupyterhub/orm.py: id, name, admin, created, last_activity, …)
// without ever writing: SQLite is read from a private copy, PostgreSQL runs inside BEGIN READ ONLY
// and is rolled back. Timestamps are naive UTC in both (SQLAlchemy DateTime without zone).
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { CheckUser } from '../core/model/checks.js';
import { type HubsleuthError, inputError, usageError } from '../core/errors.js';
import { privateDir } from '../core/private-dir.js';
import { SECRET } from '../core/secret-mark.js';

export interface DbUsers {
  kind: 'sqlite' | 'postgresql';
  /** The target as shown to the user (password masked). */
  source: string;
  users: CheckUser[];
}

// Both drivers are optionalDependencies: better-sqlite3 compiles from source where no prebuilt binary
// downloads, and only check-db needs either. Loaded on first use, so analyze/events/watch install and
// run without them; a missing one is a usage error that says how to get it.
const require = createRequire(import.meta.url);

function missingDriver(name: string, e: unknown): HubsleuthError {
  const install = `npm install -g ${name}@${name === 'pg' ? 8 : 12}`;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return usageError(`check-db needs the optional package ${name}: ${install}`);
  // Installed without its native build (--ignore-scripts, no compiler): a global install would be
  // shadowed by this copy, so say where to rebuild it.
  let where = '';
  try {
    where = ` (cd ${dirname(dirname(dirname(require.resolve(`${name}/package.json`))))} && npm rebuild ${name})`;
  } catch {
    /* no package.json to point at: the generic advice below still holds */
  }
  return usageError(`check-db needs the optional package ${name}, which is installed without its native build: rebuild it${where}, or ${install} (${(e as Error).message.split('\n')[0]})`);
}

function isMissingModule(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED' || /bindings file|Could not locate the bindings/.test(String((e as Error)?.message));
}

/** Synchronous (createRequire, not import()) so readSqliteUsers keeps its synchronous signature. */
function loadSqlite(): typeof Database {
  try {
    return require('better-sqlite3') as typeof Database;
  } catch (e) {
    if (isMissingModule(e)) throw missingDriver('better-sqlite3', e);
    throw e;
  }
}

async function loadPg(): Promise<typeof pg> {
  try {
    return ((await import('pg')) as { default: typeof pg }).default;
  } catch (e) {
    if (isMissingModule(e)) throw missingDriver('pg', e);
    throw e;
  }
}

const QUERY = 'SELECT name, admin, created, last_activity FROM users ORDER BY name';

function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

// Query parameters that carry a credential (libpq's password/sslpassword, tokens of any API).
const SECRET_PARAM = /([?&;#][^=&#;\s]*(?:pass|token|secret|key|auth|cred|sig)[^=&#;\s]*=)[^&#;\s]*/gi;

/** A URL with its password and credential parameters replaced, safe for reports and error messages. */
export function maskUrl(url: string): string {
  let out: string;
  try {
    const u = new URL(url);
    // (the URL setter would percent-encode the brackets of the mark)
    if (u.password) u.password = 'x';
    out = u.password ? u.toString().replace(':x@', `:${SECRET}@`) : u.toString();
  } catch {
    // Not a URL (a typo): still hide whatever stands where a password would.
    out = url.replace(/(^|\/\/)([^:@/\s]*):[^@\s]*@/, `$1$2:${SECRET}@`);
  }
  return out.replace(SECRET_PARAM, `$1${SECRET}`);
}

/** Naive UTC timestamp (text or Date) → ISO 8601 with Z; null stays null. */
export function toIsoUtc(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString();
  // The drivers give a Date (pg), text or a number (SQLite), or nothing.
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?$/.exec(s);
  if (!m) return s;
  const frac = m[3] ? (m[3] + '000').slice(0, 4) : '.000';
  if (m[4] && m[4] !== 'Z' && !/^[+-]00(:?00)?$/.test(m[4])) return new Date(s.replace(' ', 'T')).toISOString();
  return `${m[1]}T${m[2]}${frac}Z`;
}

function row(r: { name: unknown; admin: unknown; created: unknown; last_activity: unknown }): CheckUser {
  return {
    name: String(r.name),
    admin: r.admin === null || r.admin === undefined ? null : Boolean(r.admin),
    created: toIsoUtc(r.created),
    lastActivity: toIsoUtc(r.last_activity),
  };
}

export function readSqliteUsers(file: string): DbUsers {
  const Sqlite = loadSqlite();
  const copy = privateCopy(file);
  let db: Database.Database;
  try {
    // Read-write on the copy only: that is what lets SQLite apply its -wal or roll back a hot journal.
    db = new Sqlite(copy.path, { fileMustExist: true });
  } catch (e) {
    copy.remove();
    // better-sqlite3 loads its native binding here, not at require: installed without its build.
    if (isMissingModule(e)) throw missingDriver('better-sqlite3', e);
    throw inputError(file, `cannot open SQLite database read-only: ${(e as Error).message}`);
  }
  try {
    const rows = db.prepare(QUERY).all() as Array<{ name: unknown; admin: unknown; created: unknown; last_activity: unknown }>;
    return { kind: 'sqlite', source: file, users: rows.map(row) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw inputError(file, `not an SQLite database (${(e as Error).message})`);
    throw inputError(file, `not a JupyterHub database (${(e as Error).message})`);
  } finally {
    db.close();
    copy.remove();
  }
}

/**
 * Opened read-only in place, SQLite still writes beside the database: it creates or updates the
 * -shm of a WAL database (and cannot open one at all in a read-only folder), and a lock another
 * process holds stops the read. better-sqlite3 takes no URI, so `immutable=1` is out of reach; the
 * database and its journal are copied to a private folder and read there instead: nothing beside
 * the original is created or changed, and the commits still in its -wal count.
 */
function privateCopy(file: string): { path: string; remove: () => void } {
  const { path: dir, remove } = privateDir('hubsleuth-db-');
  const path = join(dir, 'hub.sqlite');
  try {
    // The journal before the database: pages a checkpoint moves meanwhile are then in both copies.
    for (const journal of ['-wal', '-journal']) {
      try {
        copyFileSync(file + journal, path + journal);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    copyFileSync(file, path);
  } catch (e) {
    remove();
    throw inputError(file, `cannot open SQLite database read-only: ${fileProblem(e)}`);
  }
  return { path, remove };
}

function fileProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return `permission denied (${err.path ?? 'the file'})`;
    case 'EISDIR': return 'is a directory';
    default: return err.message;
  }
}

async function readPostgresUsers(url: string): Promise<DbUsers> {
  const source = maskUrl(url);
  // Cast timestamps to text so node-pg does not reinterpret naive UTC values in the local zone.
  const sql = 'SELECT name, admin, created::text AS created, last_activity::text AS last_activity FROM users ORDER BY name';
  // application_name lets a DBA (and our tests, via the server log) see who ran what.
  const client = new (await loadPg()).Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'hubsleuth' });
  try {
    await client.connect();
  } catch (e) {
    throw inputError(source, `cannot connect: ${(e as Error).message}`);
  }
  try {
    await client.query('BEGIN READ ONLY');
    try {
      const res = await client.query(sql);
      return { kind: 'postgresql', source, users: res.rows.map(row) };
    } catch (e) {
      throw inputError(source, `not a JupyterHub database (${(e as Error).message})`);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function readUsers(target: string): Promise<DbUsers> {
  return isPostgresUrl(target) ? readPostgresUsers(target) : readSqliteUsers(target);
}
