// Runs the test command it is given (npm test: `node --test …`) and then fails, naming them, when
// the tests left anything behind: files in the work tree that git would show, or entries in the
// temp dir. The tests run with TMPDIR pointed at a folder made for this run, so another process's
// temp files do not count. Usage: node dist/test/after/clean.js <command> [args…]
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `git status --porcelain` lines: changed tracked files and untracked files that are not ignored. */
function gitStatus(): string[] | null {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : null;
}

function main([cmd, ...args]: string[]): number {
  if (!cmd) {
    process.stderr.write('usage: clean.js <test command> [args…]\n');
    return 2;
  }
  // Changes made before the run (work in progress) are not the tests'.
  const before = new Set(gitStatus() ?? []);
  const tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-tests-'));
  // Open to every user, sticky, like /tmp: the PostgreSQL tests run the server as user postgres.
  chmodSync(tmp, 0o1777);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TMPDIR: tmp } });
  const code = run.status ?? 1;
  const left = [
    ...(gitStatus() ?? []).filter((l) => !before.has(l)).map((l) => `work tree: ${l}`),
    ...readdirSync(tmp).map((e) => `temp dir: ${e}`),
  ];
  if (code !== 0) {
    // A failed test may keep its files on purpose, for the failure to be looked at.
    if (left.length > 0) process.stderr.write(`tests failed; what they left is kept in ${tmp}\n`);
    else rmSync(tmp, { recursive: true, force: true });
    return code;
  }
  rmSync(tmp, { recursive: true, force: true });
  if (left.length === 0) return 0;
  process.stderr.write(`the tests passed but left behind:\n${left.map((l) => `  ${l}\n`).join('')}`);
  return 1;
}

// node --test also runs every .js under a test/ folder as a test file, this one included: there it
// is not the wrapper, and does nothing.
if (!process.env.NODE_TEST_CONTEXT) process.exitCode = main(process.argv.slice(2));
