// How the bench runs a command: wall time, CPU time of all its threads and peak RSS (GNU time -v),
// and the share of the main thread's time V8 spent collecting garbage (from a CPU profile).
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const TIME = '/usr/bin/time';
export const HAVE_TIME = existsSync(TIME);

export interface Res { wall: number; rss: number | null; cpu: number | null; code: number | null; out: string; err: string }

/** Runs `cmd`; with `measure`, under GNU time -v for CPU and peak RSS (it prints them on stderr last). */
export function run(cmd: string, args: string[], measure = true): Promise<Res> {
  const [c, a] = measure && HAVE_TIME ? [TIME, ['-v', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  return new Promise((res) => {
    const p = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d: Buffer) => { if (out.length < 1 << 20) out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); if (err.length > 1 << 20) err = err.slice(-65536); });
    p.on('error', (e) => res({ wall: 0, rss: null, cpu: null, code: -1, out, err: String(e) }));
    p.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      // CPU time of all the process's threads (V8's GC helpers and file reads run beside the main thread)
      const u = /User time \(seconds\): ([\d.]+)/.exec(err);
      const s = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpu = u && s ? Number(u[1]) + Number(s[1]) : null;
      res({ wall, rss: m ? Number(m[1]) * 1024 : null, cpu, code, out, err: err.replace(/\n?\tCommand being timed:[\s\S]*$/, '') });
    });
  });
}

/** A shell pipeline's wall time (its parts' CPU is not what is compared). */
export const sh = (script: string) => run('sh', ['-c', script], false);

interface ProfileNode { id: number; callFrame: { functionName: string } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** The share of the main thread's sampled time spent in V8's garbage collector, for `node args…`. */
export async function gcShare(args: string[]): Promise<number | null> {
  const dir = await mkdtemp(join(tmpdir(), 'hubsleuth-prof-'));
  try {
    await run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...args], false);
    const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
    if (!file) return null;
    const p = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;
    const gc = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(garbage collector)').map((n) => n.id));
    let all = 0, inGc = 0;
    p.samples.forEach((id, i) => {
      all += p.timeDeltas[i];
      if (gc.has(id)) inGc += p.timeDeltas[i];
    });
    return all > 0 ? inGc / all : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const mb = (b: number) => b / 1048576;
export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

/** Lines of a table, columns padded (the first to the left, the rest to the right). */
export function table(head: string[], rows: string[][]): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)];
}
