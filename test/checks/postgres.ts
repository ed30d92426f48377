// A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temp dir, 127.0.0.1 only, on a
// free port, every statement logged (so tests can prove what a client did). initdb refuses to
// run as root, so as root the server runs as the `postgres` system user via runuser.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Postgres {
  port: number;
  dir: string;
  logPath: string;
  /** Superuser URL (trust auth on loopback). */
  url(db?: string, user?: string): string;
  log(): string;
  stop(): void;
}

/** The newest installed server's bin dir (Debian: /usr/lib/postgresql/<major>/bin), or null. */
export function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
  for (const m of majors) if (existsSync(join(base, m, 'bin', 'initdb'))) return join(base, m, 'bin');
  return null;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export async function startPostgres(): Promise<Postgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-pg-'));
  const data = join(dir, 'data');
  const logPath = join(dir, 'server.log');
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pw.status !== 0) throw new Error('running as root and there is no postgres user to run the server as');
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000, cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    '-c log_statement=all',
    "-c log_line_prefix='%a|'",
    '-c fsync=off',
  ].join(' ');
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', logPath, '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    port,
    dir,
    logPath,
    url: (db = 'postgres', user = 'postgres') => `postgresql://${user}@127.0.0.1:${port}/${db}`,
    log: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
