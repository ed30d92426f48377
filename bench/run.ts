// `npm run bench`: speed and memory of `hubsleuth analyze` next to its yardsticks, in the same run on
// the same files: `wc -l`, `grep -c`, and the simplest script (bench/naive.ts: readline and one
// regex per line). Two generated logs: a dense incident (the culler deleting users, refusals all
// day) and a sparse healthy hub (mostly 200s, probes and activity). Not a test: prints, asserts nothing.
// Env: BENCH_SIZE (default 1GB, e.g. 200MB), BENCH_DIR (default bench/out), BENCH_KEEP=1 keeps
// files, BENCH_FLAT=4GB also pipes a generated log of that size into analyze (nothing stored) and
// compares its peak RSS with 256 MB piped the same way; BENCH_CLOCKS=1 pipes ten million lines with a
// stuck clock and ten million after one line 20 days ahead (bench/lib/clock.ts), each held to 200 MB.
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { generate, parseSize, type GenOptions } from './generate.js';
import { HAVE_TIME, fmt, gcShare, mb, run, sh, table, type Res } from './lib/measure.js';
import { alertLatency } from './lib/latency.js';

const SIZE = parseSize(process.env.BENCH_SIZE ?? process.argv[2] ?? '1GB');
const FLAT = process.env.BENCH_FLAT ? parseSize(process.env.BENCH_FLAT) : null;
const CLOCKS_RUN = Boolean(process.env.BENCH_CLOCKS);
const DIR = resolve(process.env.BENCH_DIR ?? 'bench/out');
const CLI = resolve('dist/src/cli/main.js');
const NAIVE = resolve('dist/bench/naive.js');
const GENERATE = resolve('dist/bench/generate.js');
const GB = 1024 ** 3;

async function gen(path: string, size: number, o: GenOptions) {
  // BENCH_KEEP=1 leaves the files; a later run reuses them when their size is right.
  if (existsSync(path) && Math.abs(statSync(path).size - size) < size / 100) {
    console.log(`reusing ${path}`);
    return { bytes: statSync(path).size, lines: Number((await run('wc', ['-l', path], false)).out.trim().split(' ')[0]) };
  }
  const t0 = Date.now();
  const ws = createWriteStream(path);
  const r = await generate(ws, { size, users: 600, ...o });
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  console.log(`generated ${path}: ${fmt(mb(r.bytes))} MB, ${r.lines} lines in ${fmt((Date.now() - t0) / 1000)} s`);
  return r;
}

type Ok = Res & { ok: boolean };

/** analyze exits 0 (no incident) or 1 (incidents): both are successful runs. */
async function analyze(files: string[], jobs = 1): Promise<Ok> {
  const r = await run(process.execPath, [CLI, 'analyze', '--format', 'json', '-j', String(jobs), ...files]);
  // exit 1 also means "node could not load the CLI": require a JSON report on stdout as well
  const ok = (r.code === 0 || r.code === 1) && r.out.trimStart().startsWith('{');
  if (!ok) console.log(`  analyze ${files.map((f) => f.split('/').pop()).join(' ')} failed (exit ${r.code}): ${r.err.trim().split('\n').slice(-5).join(' | ') || '(no stderr)'}`);
  return { ...r, ok };
}

async function naive(file: string): Promise<Ok> {
  const r = await run(process.execPath, [NAIVE, file]);
  return { ...r, ok: r.code === 0 };
}

/** Peak RSS of analyze reading a generated log (generate's options) from a pipe: the log is never stored. */
async function pipedRss(generateArgs: string): Promise<number | null> {
  const r = await sh(`node '${GENERATE}' ${generateArgs} - 2>/dev/null | /usr/bin/time -v '${process.execPath}' '${CLI}' analyze --format json - > /dev/null`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.err);
  return m ? Number(m[1]) * 1024 : null;
}

const rows: string[][] = [];
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${fmt(a / b, 2)}×` : "-");
function row(name: string, bytes: number, r: Ok, y: { naive: number; grep: number; wc: number }, gc: number | null = null) {
  if (!r.ok) {
    rows.push([name, `FAIL(${r.code})`, '-', '-', '-', '-', '-', '-', '-', '-']);
    return;
  }
  rows.push([name, fmt(r.wall, 2), r.cpu !== null ? fmt(r.cpu, 2) : '-', r.cpu !== null ? fmt(r.cpu / (bytes / GB), 2) : '-', r.rss ? fmt(mb(r.rss), 0) : '-',
    gc !== null ? `${fmt(gc * 100, 0)}%` : '-', fmt(mb(bytes) / r.wall, 0), ratio(r.wall, y.naive), ratio(r.wall, y.grep), ratio(r.wall, y.wc)]);
}

const targets: string[] = [];
const target = (what: string, value: string, met: boolean) => targets.push(`${met ? 'met    ' : 'NOT MET'}  ${what}: ${value}`);

async function measureLog(name: string, path: string, bytes: number, naiveTarget: number) {
  const wc = await run('wc', ['-l', path], false);
  const grep = await run('grep', ['-c', ' 403 ', path], false);
  const nv = await naive(path);
  const y = { naive: nv.wall, grep: grep.wall, wc: wc.wall };
  const one = await analyze([path]);
  const two = await analyze([path], 2);
  const gc = await gcShare([CLI, 'analyze', '--format', 'json', path]);
  row(`${name}: naive script`, bytes, nv, y);
  row(`${name}: analyze`, bytes, one, y, gc);
  row(`${name}: analyze -j 2`, bytes, two, y);
  if (one.ok && nv.ok) target(`${name} log, analyze ≤ ${naiveTarget}× the naive script`, ratio(one.wall, nv.wall), one.wall <= naiveTarget * nv.wall);
  if (one.rss) target(`${name} log, peak RSS ≤ 150 MB`, `${fmt(mb(one.rss), 0)} MB`, mb(one.rss) <= 150);
  if (one.ok && two.ok) target(`${name} log, -j 2 not slower than -j 1`, `${fmt(two.wall, 2)} s vs ${fmt(one.wall, 2)} s`, two.wall <= one.wall * 1.02);
  return one;
}

async function main() {
  await mkdir(DIR, { recursive: true });
  const dense = join(DIR, 'hub-dense.log'), sparse = join(DIR, 'hub-sparse.log'), gz = dense + '.gz';
  const a = join(DIR, 'hub-a.log'), b = join(DIR, 'hub-b.log');
  const gd = await gen(dense, SIZE, { seed: 1 });
  const gs = await gen(sparse, SIZE, { seed: 4, cullUsers: false });
  let t0 = Date.now();
  if (!existsSync(gz) || statSync(gz).mtimeMs < statSync(dense).mtimeMs) {
    await pipeline(createReadStream(dense), createGzip({ level: 6 }), createWriteStream(gz));
    console.log(`gzipped to ${fmt(mb(statSync(gz).size))} MB in ${fmt((Date.now() - t0) / 1000)} s`);
  }
  await gen(a, Math.round(SIZE / 2), { seed: 2 });
  await gen(b, Math.round(SIZE / 2), { seed: 3 });
  if (!existsSync(CLI)) console.log(`note: ${CLI} does not exist (CLI not built yet); analyze rows will show the failure`);
  if (!HAVE_TIME) console.log('note: /usr/bin/time not found; CPU and peak RSS not measured');

  await measureLog('dense', dense, gd.bytes, 0.5);
  await measureLog('sparse', sparse, gs.bytes, 0.25);

  // gzip: against the shell doing the same decompression
  const zwc = await sh(`gzip -dc '${gz}' | wc -l`);
  const zgrep = await sh(`gzip -dc '${gz}' | grep -c ' 403 '`);
  const zr = await analyze([gz]);
  const zr2 = await analyze([gz], 2);
  row('dense, gzip: analyze', gd.bytes, zr, { naive: NaN, grep: zgrep.wall, wc: zwc.wall });
  row('dense, gzip: analyze -j 2', gd.bytes, zr2, { naive: NaN, grep: zgrep.wall, wc: zwc.wall });
  if (zr.ok) target('gzip, analyze ≤ 1.25× zcat | wc -l', ratio(zr.wall, zwc.wall), zr.wall <= 1.25 * zwc.wall);
  if (zr.ok && zr2.ok) target('gzip, -j 2 not slower than -j 1', `${fmt(zr2.wall, 2)} s vs ${fmt(zr.wall, 2)} s`, zr2.wall <= zr.wall * 1.02);

  // two inputs: one after the other vs together (worker threads)
  t0 = Date.now();
  const ra = await analyze([a]);
  const rb = await analyze([b]);
  const seq = (Date.now() - t0) / 1000;
  const both = await analyze([a, b], 2);
  const twoBytes = statSync(a).size + statSync(b).size;
  const ga = await run('grep', ['-c', ' 403 ', a, b], false);
  const wa = await run('wc', ['-l', a, b], false);
  const seqCpu = ra.cpu !== null && rb.cpu !== null ? ra.cpu + rb.cpu : null;
  const y2 = { naive: NaN, grep: ga.wall, wc: wa.wall };
  row('2 files, one after other', twoBytes, { wall: seq, rss: Math.max(ra.rss ?? 0, rb.rss ?? 0) || null, cpu: seqCpu, ok: ra.ok && rb.ok, code: ra.ok ? rb.code : ra.code, out: '', err: '' }, y2);
  row('2 files, -j 2 together', twoBytes, both, y2);
  if (ra.ok && rb.ok && both.ok) target('2 files, -j 2 not slower than one after the other', `${fmt(both.wall, 2)} s vs ${fmt(seq, 2)} s`, both.wall <= seq * 1.02);

  console.log(`\nhubsleuth bench, ${new Date().toISOString().slice(0, 10)}, inputs of ${fmt(mb(SIZE), 0)} MB, node ${process.version}, ${availableParallelism()} cores`);
  for (const l of table(['run', 'wall s', 'CPU s', 'CPU s/GB', 'peak RSS MB', 'GC', 'MB/s', 'vs naive', 'vs grep', 'vs wc'], rows)) console.log(l);
  console.log(`\nyardsticks on the dense log: ${fmt(gd.bytes / 1e6, 0)} MB, ${gd.lines} lines; sparse: ${gs.lines} lines. GC: share of analyze's main thread in the garbage collector (CPU profile, a separate run).`);

  if (FLAT && HAVE_TIME) {
    const small = await pipedRss(`--size ${256 * 1048576}`);
    const big = await pipedRss(`--size ${FLAT}`);
    if (small && big) target(`peak RSS flat from 256 MB to ${fmt(mb(FLAT) / 1024, 0)} GB piped (within 10%)`, `${fmt(mb(small), 0)} MB → ${fmt(mb(big), 0)} MB`, big <= small * 1.1);
  }
  if (CLOCKS_RUN && HAVE_TIME) {
    for (const [what, clock] of [['a stuck clock', 'stuck'], ['one line 20 days ahead at the top', 'future-line']]) {
      const rss = await pipedRss(`--lines 10000000 --clock ${clock}`);
      if (rss) target(`10 M lines piped, ${what}: peak RSS ≤ 200 MB`, `${fmt(mb(rss), 0)} MB`, mb(rss) <= 200);
    }
  }
  // watch on a pipe kept open: the README promises an alert within a second of its line.
  const lat = await alertLatency(CLI, resolve('samples/incident-two-days.log'));
  console.log(`\nwatch alert latency, samples/incident-two-days.log line by line (${lat.watch.stops} triggering lines): median ${fmt(lat.watch.medianMs, 0)} ms, worst ${fmt(lat.watch.worstMs, 0)} ms; a node echo at the same lines: median ${fmt(lat.echo.medianMs, 1)} ms, worst ${fmt(lat.echo.worstMs, 0)} ms`);
  target('watch, every alert within 1 s of its line', `worst ${fmt(lat.watch.worstMs, 0)} ms`, lat.watch.worstMs < 1000);
  console.log('\ntargets:');
  for (const t of targets) console.log(`  ${t}`);
  if (!process.env.BENCH_KEEP) await rm(DIR, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
