// `npm run bench`: throughput and memory of `hubsleuth analyze` on a generated ≥1 GB hub log and its
// gzip, next to grep/wc on the same file in the same run. Not a test: prints, asserts nothing.
// Env: BENCH_SIZE (default 1GB, e.g. 200MB), BENCH_DIR (default bench/out), BENCH_KEEP=1 keeps files.
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { generate, parseSize } from './generate.js';

const SIZE = parseSize(process.env.BENCH_SIZE ?? process.argv[2] ?? '1GB');
const DIR = resolve(process.env.BENCH_DIR ?? 'bench/out');
const CLI = resolve('dist/src/cli/main.js');
const TIME = '/usr/bin/time';
const HAVE_TIME = existsSync(TIME);

interface Res { wall: number; rss: number | null; cpu: number | null; code: number | null; out: string; err: string }

/** Run a command; peak RSS from GNU time -v when available (it prints to stderr last). */
function run(cmd: string, args: string[], measure = true): Promise<Res> {
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

const mb = (b: number) => b / 1048576;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

async function gen(path: string, size: number, seed: number) {
  // BENCH_KEEP=1 leaves the files; a later run reuses them when their size is right.
  if (existsSync(path) && Math.abs(statSync(path).size - size) < size / 100) {
    console.log(`reusing ${path}`);
    return { bytes: statSync(path).size, lines: Number((await run('wc', ['-l', path], false)).out.trim().split(' ')[0]) };
  }
  const t0 = Date.now();
  const ws = createWriteStream(path);
  const r = await generate(ws, { size, seed, users: 600 });
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  console.log(`generated ${path}: ${fmt(mb(r.bytes))} MB, ${r.lines} lines in ${fmt((Date.now() - t0) / 1000)} s`);
  return r;
}

/** analyze exits 0 (no incident) or 1 (incidents): both are successful runs. */
async function analyze(files: string[], jobs = 1) {
  const r = await run(process.execPath, [CLI, 'analyze', '--format', 'json', '-j', String(jobs), ...files]);
  // exit 1 also means "node could not load the CLI": require a JSON report on stdout as well
  const ok = (r.code === 0 || r.code === 1) && r.out.trimStart().startsWith('{');
  if (!ok) console.log(`  analyze ${files.map((f) => f.split('/').pop()).join(' ')} failed (exit ${r.code}): ${r.err.trim().split('\n').slice(-5).join(' | ') || '(no stderr)'}`);
  return { ...r, ok };
}

async function main() {
  await mkdir(DIR, { recursive: true });
  const plain = join(DIR, 'hub.log'), gz = plain + '.gz', a = join(DIR, 'hub-a.log'), b = join(DIR, 'hub-b.log');
  const g = await gen(plain, SIZE, 1);
  let t0 = Date.now();
  if (!existsSync(gz) || statSync(gz).mtimeMs < statSync(plain).mtimeMs) {
    await pipeline(createReadStream(plain), createGzip({ level: 6 }), createWriteStream(gz));
    console.log(`gzipped to ${fmt(mb(statSync(gz).size))} MB in ${fmt((Date.now() - t0) / 1000)} s`);
  }
  await gen(a, Math.round(SIZE / 2), 2);
  await gen(b, Math.round(SIZE / 2), 3);
  if (!existsSync(CLI)) console.log(`note: ${CLI} does not exist (CLI not built yet); analyze rows will show the failure`);
  if (!HAVE_TIME) console.log('note: /usr/bin/time not found; peak RSS not measured');

  const rows: string[][] = [];
  const row = (name: string, bytes: number, lines: number, r: { wall: number; rss: number | null; cpu: number | null; ok: boolean; code: number | null }, grepS: number, wcS: number) =>
    rows.push([name, r.ok ? fmt(mb(bytes) / r.wall) : `FAIL(${r.code})`, r.ok ? fmt(lines / r.wall / 1e6, 2) : '-', fmt(r.wall, 2), r.cpu !== null ? fmt(r.cpu, 2) : '-', r.rss ? fmt(mb(r.rss), 0) : '-', fmt(grepS, 2), fmt(wcS, 2), r.ok ? fmt(r.wall / grepS, 1) + '×' : '-', r.ok ? fmt(r.wall / wcS, 1) + '×' : '-']);

  const grepPlain = await run('grep', ['-c', 'not allowed', plain], false);
  const wcPlain = await run('wc', ['-l', plain], false);
  console.log(`grep -c 'not allowed': ${grepPlain.out.trim()} in ${fmt(grepPlain.wall, 2)} s; wc -l: ${wcPlain.out.trim().split(' ')[0]} in ${fmt(wcPlain.wall, 2)} s`);
  row('plain', g.bytes, g.lines, await analyze([plain]), grepPlain.wall, wcPlain.wall);
  row('plain, -j 2 (two parts)', g.bytes, g.lines, await analyze([plain], 2), grepPlain.wall, wcPlain.wall);
  // for gzip, compare with the shell doing the same decompression
  const zgrep = await run('sh', ['-c', `gzip -dc '${gz}' | grep -c 'not allowed'`], false);
  const zwc = await run('sh', ['-c', `gzip -dc '${gz}' | wc -l`], false);
  row('gzip', g.bytes, g.lines, await analyze([gz]), zgrep.wall, zwc.wall);

  // two inputs: one after the other vs together (worker threads)
  t0 = Date.now();
  const ra = await analyze([a]);
  const rb = await analyze([b]);
  const seq = (Date.now() - t0) / 1000;
  const both = await analyze([a, b], 2);
  const two = statSync(a).size + statSync(b).size;
  const ga = await run('grep', ['-c', 'not allowed', a, b], false);
  const wa = await run('wc', ['-l', a, b], false);
  const lines2 = Number(/(\d+) total/.exec(wa.out)?.[1] ?? 0);
  const seqCpu = ra.cpu !== null && rb.cpu !== null ? ra.cpu + rb.cpu : null;
  row('2 files, one after other', two, lines2, { wall: seq, rss: Math.max(ra.rss ?? 0, rb.rss ?? 0) || null, cpu: seqCpu, ok: ra.ok && rb.ok, code: ra.ok ? rb.code : ra.code }, ga.wall, wa.wall);
  row('2 files, -j 2 together', two, lines2, both, ga.wall, wa.wall);

  const head = ['input', 'MB/s', 'Mlines/s', 'wall s', 'CPU s', 'peak RSS MB', 'grep -c s', 'wc -l s', 'vs grep', 'vs wc'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
  console.log(`\nhubsleuth bench, ${new Date().toISOString().slice(0, 10)}, input ${fmt(mb(SIZE), 0)} MB, node ${process.version}`);
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
  if (ra.ok && rb.ok && both.ok) {
    console.log(`\ntwo files together vs one after the other: ${fmt(seq / both.wall, 2)}× faster`);
    // One process already keeps more than one core busy part of the time; the cores left over bound
    // what any split of the same work can gain: at best all cores busy with the same CPU seconds.
    if (seqCpu !== null) {
      const cores = availableParallelism();
      console.log(`one after the other kept ${fmt(seqCpu / seq, 2)} of ${cores} cores busy on average: with the same CPU time, no split can beat ${fmt((seq * cores) / seqCpu, 2)}× here`);
    }
  }
  if (!process.env.BENCH_KEEP) await rm(DIR, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
