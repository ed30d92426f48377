// Long runs keep memory bounded: 24 hours of generated log (bench/generate.ts, 400 users, culler
// with --cull-users: hundreds of deletions and refused logins) fast-forwarded through a pipe keep the
// RSS of watch within 50 MB of where it started. RSS is read from /proc (Linux only).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../bench/generate.js';
import { Correlator } from '../../src/correlate/correlator.js';
import { RecordParser } from '../../parsers/record.js';
import { killLeftovers, sleep, startWatch } from './live.js';
import { skipUnless } from '../helpers/skip.js';

afterEach(killLeftovers);

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function generated(days: number): Promise<{ path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-mem-'));
  const path = join(dir, 'hub.log');
  const out = createWriteStream(path);
  await generate(out, { days, seed: 7 });
  await new Promise<void>((r) => out.end(r));
  return { path, dir };
}

test('24 h of generated log through a pipe: RSS stays within 50 MB of the start', { skip: skipUnless(existsSync('/proc/self/status'), '/proc (Linux)'), timeout: 120_000 }, async () => {
  const { path, dir } = await generated(1);
  try {
    const data = readFileSync(path);
    const w = startWatch(['--format', 'ndjson']);
    // Started: its first alert is out (on a loaded machine starting alone can take seconds, and an
    // RSS read before that is not where it starts).
    await w.write('[I 2025-03-03 05:00:00.000 JupyterHub log:192] 204 DELETE /hub/api/users/warm-up (admin-ops@10.0.0.1) 8.00ms\n');
    await w.waitForLines(1, 60_000);
    await sleep(300);
    const start = rssMb(w.child.pid!);
    let peak = start;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMb(w.child.pid!));
      } catch {
        /* exited */
      }
    }, 20);
    // Fast-forward: as fast as the pipe takes it, in 64 KB writes.
    for (let i = 0; i < data.length; i += 65536) await w.write(data.subarray(i, i + 65536).toString('latin1'));
    await sleep(300);
    peak = Math.max(peak, rssMb(w.child.pid!));
    clearInterval(sampler);
    w.child.stdin.end();
    assert.equal((await w.exited).code, 0);
    console.log(`# ${(data.length / 1e6).toFixed(1)} MB, ${w.lines.length} alerts; RSS start ${start.toFixed(1)} MB, peak ${peak.toFixed(1)} MB`);
    assert.ok(w.lines.length > 500, 'the generated day has deletions and refusals');
    assert.ok(peak - start < 50, `RSS grew ${(peak - start).toFixed(1)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bounded correlator: no denial list, at most one incident per user, whatever the length of the log", async () => {
  const { path, dir } = await generated(3);
  try {
    const alerts: string[] = [];
    const c = new Correlator((a) => alerts.push(a.kind), { bounded: true });
    const users = new Set<string>();
    let n = 0;
    const p = new RecordParser('hub.log', (ev) => {
      if (ev.kind === 'user-deleted') users.add(ev.target);
      c.push(ev);
      if (++n % 1000 === 0) c.prune(14 * 86_400_000);
    }, { mode: 'needed' });
    readFileSync(path, 'utf8').split('\n').forEach((l, i) => p.push(l, i + 1));
    p.flush();
    c.prune(14 * 86_400_000);
    assert.equal(c.denials.length, 0);
    assert.ok(alerts.filter((k) => k === 'user-deleted').length > users.size, 'users were deleted more than once');
    assert.ok(c.incidents.length <= users.size, `${c.incidents.length} incidents kept for ${users.size} users`);
    // A short expiry forgets everyone not touched within it.
    c.prune(1);
    assert.ok(c.incidents.length <= c.openUsers().length + 50);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
