// Deterministic generator of a large, realistic z2jh hub-pod log for benchmarks and tests.
// Usage: node dist/bench/generate.js [--size 1GB] [--users 400] [--days D] [--seed S]
//          [--envelope plain|kubectl-timestamps|cri] [--debug|--no-debug] [--no-cull-users]
//          [--lines N] [--clock stuck|future-line] [--truth FILE] [OUT|-]
// Many users with working-day sessions, the culler with --cull-users (so deletions and refused
// logins keep happening), restarts every couple of days, never-allowed users, xsrf scanners,
// 5xx tracebacks; at DEBUG (default) kubelet probes and static files make up most of the volume.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { Rng, seedFrom } from './lib/prng.js';
import { Out } from './lib/out.js';
import { Truth } from './lib/truth.js';
import { Sim } from './lib/sim.js';
import type { EnvelopeName } from './lib/envelope.js';
import { CLOCKS, clock, type ClockName } from './lib/clock.js';

export interface GenOptions {
  size?: number; users?: number; days?: number; seed?: string | number; envelope?: EnvelopeName;
  debug?: boolean; start?: number; truthLimit?: number;
  /** Stop after about this many lines (with or instead of size). */
  lines?: number;
  /** A hostile clock (bench/lib/clock.ts); the truth stays that of the generated times. */
  clock?: ClockName;
  /** The culler deletes users (the incident; the default), or culls only servers (a healthy hub). */
  cullUsers?: boolean;
}

const FIRST = ['ada', 'ben', 'chen', 'dev', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kofi', 'lena', 'mo', 'nia', 'omar', 'pia', 'quinn', 'ravi', 'sara', 'tom', 'uma', 'vik', 'wen', 'xena', 'yusuf', 'zoe'];

/** Stable user names: short logins, some e-mail style, a few never-allowed outsiders. */
export function userList(n: number, rng: Rng) {
  const users: { name: string; admin?: boolean; allowed?: boolean }[] = [{ name: 'admin-ops', admin: true }];
  for (let i = 0; users.length < n; i++) {
    const base = `${FIRST[i % FIRST.length]}${i >= FIRST.length ? Math.floor(i / FIRST.length) : ''}`;
    const name = rng.chance(0.25) ? `${base}@example.org` : base;
    users.push({ name, allowed: !rng.chance(0.03) });
  }
  return users;
}

/** Write the log to `sink`; resolves with the truth recorder and byte/line counts. */
export async function generate(sink: Writable | null, o: GenOptions = {}) {
  const rng = new Rng(seedFrom(o.seed ?? 1));
  const truth = new Truth(o.truthLimit ?? 1000);
  const out = new Out(sink, { envelope: o.envelope ?? 'plain', maxBytes: o.size, maxLines: o.lines, clock: o.clock && clock(o.clock) }, () => rng.int(0, 999999));
  const users = userList(o.users ?? 400, rng);
  const sim = new Sim({ timeout: 3600, every: 600, cullUsers: o.cullUsers ?? true, debug: o.debug ?? true, users }, out, truth, rng);
  const t0 = o.start ?? Date.UTC(2025, 2, 3, 6, 0, 17, 412); // a Monday
  const days = o.days ?? (o.size === undefined && o.lines === undefined ? 2 : 3650);
  sim.at(t0, () => sim.start(sim.now));
  // plan each day at midnight so the agenda only holds about one day of future actions
  const planDay = (d: number) => {
    const day = t0 - (t0 % 86400000) + d * 86400000;
    const weekend = new Date(day).getUTCDay() % 6 === 0;
    for (const u of users) {
      if (!rng.chance(weekend ? 0.1 : u.allowed === false ? 0.05 : 0.6)) continue;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const at = day + rng.range(7, 20) * 3600000;
        sim.at(at, () => sim.visit(u.name, { session: rng.range(10, 240), retries: rng.chance(0.5) ? [rng.range(1, 5)] : [] }));
      }
    }
    for (let k = rng.int(0, 3); k > 0; k--) sim.at(day + rng.range(0, 24) * 3600000, () => sim.xsrf(rng.pick(['10.0.2.15', '10.0.3.21'])));
    if (rng.chance(0.3)) sim.at(day + rng.range(9, 17) * 3600000, () => sim.crash(rng.pick(users).name));
    if (rng.chance(0.05)) sim.at(day + rng.range(0, 24) * 3600000, () => sim.probeLong());
    if (rng.chance(0.1)) sim.at(day + rng.range(9, 17) * 3600000, () => { const v = rng.pick(users).name; if (sim.users.get(v)?.exists && sim.running) sim.adminDelete('admin-ops', v); });
    // operators restart the hub after complaints every couple of days
    if (d > 0 && rng.chance(0.4)) sim.restart(day + rng.range(8, 12) * 3600000, rng.range(30000, 90000));
    if (d + 1 < days) sim.at(day + 86400000, () => planDay(d + 1));
  };
  sim.at(t0 - (t0 % 86400000) + 1, () => planDay(0));
  await sim.run(t0 - (t0 % 86400000) + days * 86400000);
  await out.end();
  return { truth, bytes: out.bytes, lines: out.lines };
}

/** '1GB', '200MB', '64k', '12345' → bytes */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size: ${s}`);
  return Math.round(Number(m[1]) * 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase()));
}

async function main(argv: string[]) {
  const o: GenOptions = {};
  let file = '-', truthFile: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => argv[++i] ?? '';
    if (a === '--size') o.size = parseSize(v());
    else if (a === '--lines') o.lines = Number(v());
    else if (a === '--clock') o.clock = v() as ClockName;
    else if (a === '--users') o.users = Number(v());
    else if (a === '--days') o.days = Number(v());
    else if (a === '--seed') o.seed = v();
    else if (a === '--envelope') o.envelope = v() as EnvelopeName;
    else if (a === '--truth') truthFile = v();
    else if (a === '--debug') o.debug = true;
    else if (a === '--no-debug') o.debug = false;
    else if (a === '--no-cull-users') o.cullUsers = false;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else file = a;
  }
  if (o.clock && !CLOCKS.includes(o.clock)) throw new Error(`--clock must be ${CLOCKS.join(' or ')}`);
  if (o.envelope && !['plain', 'kubectl-timestamps', 'cri'].includes(o.envelope)) throw new Error(`--envelope must be plain, kubectl-timestamps or cri`);
  const sink = file === '-' ? process.stdout : createWriteStream(file);
  const r = await generate(sink, o);
  if (sink !== process.stdout) await new Promise<void>((res, rej) => sink.end((e?: Error | null) => (e ? rej(e) : res())));
  if (truthFile) await writeFile(truthFile, JSON.stringify({ bytes: r.bytes, lines: r.lines, ...r.truth.summary() }, null, 2) + '\n');
  process.stderr.write(`generated ${r.lines} lines, ${r.bytes} bytes\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : e}\n`);
    process.exit(2);
  });
}
