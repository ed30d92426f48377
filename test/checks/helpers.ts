// Shared test helpers: paths, and running the CLI as a child process (exit code, stdout, stderr).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/checks/, so the repository root is three levels up.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = 'test/checks/fixtures';
export const fixture = (name: string) => join(FIXTURES, name);
export const STANDIN = join(ROOT, 'dist/test/checks/cli-entry.js');
export const MAIN = join(ROOT, 'dist/src/cli/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node <entry> <args>` from the repo root; async so an in-process server can answer it. */
export function runNode(entry: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, HUBSLEUTH_CHECK_CLI: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
}

/** The check commands through the stand-in entry (always available). */
export const runCheckCli = (args: string[], env?: Record<string, string | undefined>) => runNode(STANDIN, args, env);

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Skip real-server tests when a binary is missing; in CI (env CI set) run them anyway so they fail. */
export function skipUnless(present: boolean, what: string): string | false {
  if (present || process.env.CI) return false;
  return `${what} not installed: skipping (in CI this is a failure)`;
}
