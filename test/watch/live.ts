// A `hubsleuth watch` child process whose stdout lines are timestamped as they arrive, so tests can
// measure alert latency and wait for alerts without polling the output as a whole.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, ROOT } from '../helpers/cli.js';

export interface Arrived {
  text: string;
  at: number;
}

export interface LiveWatch {
  child: ChildProcessWithoutNullStreams;
  lines: Arrived[];
  stderr: () => string;
  /** Resolves when at least `n` stdout lines have arrived; rejects after `timeoutMs`. */
  waitForLines: (n: number, timeoutMs?: number) => Promise<void>;
  waitForStderr: (re: RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  write: (s: string) => Promise<void>;
}

const alive = new Set<ChildProcessWithoutNullStreams>();

/** For afterEach: a failed assertion must not leave a watch running (the test file would never end). */
export function killLeftovers(): void {
  for (const c of alive) c.kill('SIGKILL');
  alive.clear();
}

export function startWatch(args: string[]): LiveWatch {
  const child = spawn(process.execPath, [CLI, 'watch', '--every', '0', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  alive.add(child);
  const lines: Arrived[] = [];
  let carry = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const w of waiters) w();
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    const at = performance.now();
    const parts = (carry + s).split('\n');
    carry = parts.pop()!;
    for (const p of parts) lines.push({ text: p, at });
    poke();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    err += s;
    poke();
  });
  child.stdin.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => {
    alive.delete(child);
    poke();
    resolve({ code, signal });
  }));
  const until = (ok: () => boolean, what: () => string, timeoutMs: number) => new Promise<void>((resolve, reject) => {
    if (ok()) return resolve();
    const check = () => {
      if (!ok()) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}\nstderr: ${err}`));
    }, timeoutMs);
    waiters.add(check);
  });
  return {
    child, lines, exited,
    stderr: () => err,
    waitForLines: (n, timeoutMs = 20_000) => until(() => lines.length >= n, () => `${n} line(s) (have ${lines.length})`, timeoutMs),
    waitForStderr: (re, timeoutMs = 20_000) => until(() => re.test(err), () => `stderr matching ${re}`, timeoutMs),
    write: (s) => new Promise((resolve) => {
      if (child.stdin.write(s)) resolve();
      else child.stdin.once('drain', () => resolve());
    }),
  };
}

export function readLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
