// Peak memory of `analyze` stays under 200 MB on a million generated lines (bench/generate.ts)
// piped into stdin whose clock is hostile: stuck (every line in one millisecond, so no window of
// log time ever ends) or with one line weeks ahead at the top (a merge waiting for log time to
// catch up with it would hold everything after it). The log is made on the fly and never stored;
// the ten-million-line runs are in `npm run bench` (BENCH_CLOCKS=1), too slow for the suite.
// Peak RSS is GNU time's %M for the analyze process alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { CLI, ROOT } from '../helpers/cli.js';
import { skipUnless } from '../helpers/skip.js';

const TIME = '/usr/bin/time';
const GENERATE = `${ROOT}/dist/bench/generate.js`;
const LIMIT_MB = 200;

interface Run { code: number | null; rssMb: number; report: { incidents: unknown[]; findings: Array<{ kind: string; evidence: Array<{ text: string }> }> } }

function pipedAnalyze(clock: string, lines: number): Promise<Run> {
  const script = `'${process.execPath}' '${GENERATE}' --lines ${lines} --clock ${clock} - 2>/dev/null | ` +
    `${TIME} -f 'peak-rss-kb %M' '${process.execPath}' '${CLI}' analyze --exit-zero --format json -`;
  return new Promise((resolve, reject) => {
    const c = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    c.stdout.on('data', (b: Buffer) => out.push(b));
    c.stderr.on('data', (b: Buffer) => (err += b.toString()));
    c.on('error', reject);
    c.on('close', (code) => {
      const m = /peak-rss-kb (\d+)/.exec(err);
      if (!m) return reject(new Error(`no peak RSS from ${TIME} (exit ${code}): ${err.slice(-2000)}`));
      resolve({ code, rssMb: Number(m[1]) / 1024, report: JSON.parse(Buffer.concat(out).toString('utf8')) as Run['report'] });
    });
  });
}

const skip = skipUnless(existsSync(TIME), 'GNU time (/usr/bin/time)');
const opts = { skip, timeout: 180_000 };
// Both run at once: on two cores the suite's wall time is what counts.
const [stuck, ahead] = skip ? [null, null] : [pipedAnalyze('stuck', 1_000_000), pipedAnalyze('future-line', 1_000_000)];
// Their failures are the tests' (each awaits its run), not unhandled while the other one runs.
for (const p of [stuck, ahead]) p?.catch(() => undefined);

test(`a million lines with a stuck clock: peak RSS under ${LIMIT_MB} MB, and the incident is found`, opts, async () => {
  const r = (await stuck)!;
  console.log(`# stuck clock, 1 M lines: peak RSS ${r.rssMb.toFixed(0)} MB`);
  assert.equal(r.code, 0);
  assert.ok(r.report.incidents.length > 0, 'the culler deleted users in the generated log');
  assert.ok(r.rssMb <= LIMIT_MB, `peak RSS ${r.rssMb.toFixed(0)} MB`);
});

test(`a million lines after one line 20 days ahead: peak RSS under ${LIMIT_MB} MB, and the disorder is reported`, opts, async () => {
  const r = (await ahead)!;
  console.log(`# one line 20 days ahead, 1 M lines: peak RSS ${r.rssMb.toFixed(0)} MB`);
  assert.equal(r.code, 0);
  assert.ok(r.report.incidents.length > 0, 'the culler deleted users in the generated log');
  assert.ok(r.report.findings.some((f) => f.kind === 'out-of-order'), JSON.stringify(r.report.findings.map((f) => f.kind)));
  assert.ok(r.rssMb <= LIMIT_MB, `peak RSS ${r.rssMb.toFixed(0)} MB`);
});
