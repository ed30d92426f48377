// The incident sample fed line by line through a pipe that stays open gives the
// expected alerts, in order, each after the line that triggers it — measured with no
// further input after that line, so the alert can only come from watch's idle flush.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';
import type { WatchAlert } from '../../src/watch/alerts.js';
import { killLeftovers, readLines, sleep, startWatch } from './live.js';

afterEach(killLeftovers);

const LOG = sample('incident-two-days.log');
const expected = JSON.parse(readFileSync(sample('incident-two-days.expected.json'), 'utf8')) as Report;

/** The line that completes an alert's evidence: the alert can be known once it has been read. */
const trigger = (a: WatchAlert) => Math.max(...a.evidence.map((e) => e.line));

async function fileAlerts(): Promise<WatchAlert[]> {
  const r = await runCli(['watch', '--every', '0', '--format', 'ndjson', LOG]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchAlert);
}

test('watch on the incident sample says what the recorded truth says, in log order', async () => {
  const alerts = await fileAlerts();
  // One user-deleted per incident, one denied-after-deletion per denial linked to an incident,
  // one hub-restarted per start, and the recurrence after the restart.
  assert.deepEqual(alerts.filter((a) => a.kind === 'user-deleted').map((a) => [a.user, a.deletedAt, a.deletedBy, a.actor]),
    expected.incidents.map((i) => [i.user, i.deletedAt, i.deletedBy, i.actor]));
  assert.deepEqual(alerts.filter((a) => a.kind === 'denied-after-deletion').map((a) => [a.user, a.at, a.deletedAt]),
    expected.denials.filter((d) => d.incident !== null).map((d) => [d.user, d.at, expected.incidents[d.incident!].deletedAt]));
  assert.deepEqual(alerts.filter((a) => a.kind === 'hub-restarted').map((a) => [a.at, trigger(a)]), expected.hubStarts.map((s) => [s.at, s.line]));
  const rec = alerts.filter((a) => a.kind === 'recurrence');
  assert.equal(rec.length, 1);
  assert.equal(rec[0].user, 'frank');
  assert.equal(rec[0].restartAt, expected.hubStarts[1].at);
  assert.deepEqual(alerts.find((a) => a.kind === 'hub-restarted' && a.at === expected.hubStarts[1].at)?.restoredUsers?.slice().sort(),
    ['bob', 'carol', 'dana@example.org', 'erin', 'frank', 'grace']);
  const at = alerts.map((a) => Date.parse(a.at));
  assert.deepEqual(at, [...at].sort((a, b) => a - b), 'alerts in time order');
});

test('through a pipe kept open, line by line: every alert arrives after its line, with no further input', { timeout: 60_000 }, async () => {
  const want = await fileAlerts();
  const lines = readLines(LOG);
  const w = startWatch(['--format', 'ndjson', '-']);
  // Lines of a live hub arrive while watch is already running: let node start (~0.5 s) first.
  await sleep(1500);
  const latencies: number[] = [];
  let next = 0; // index of the next alert expected
  for (let i = 0; i < lines.length; i++) {
    await w.write(lines[i] + '\n');
    const lineNo = i + 1;
    const due = want.filter((a, k) => k >= next && trigger(a) === lineNo).length;
    if (due > 0) {
      const written = performance.now();
      // Nothing more is written until the alert is out: only the idle flush can release it.
      await w.waitForLines(next + due, 15_000);
      for (let k = next; k < next + due; k++) latencies.push(w.lines[k].at - written);
      next += due;
    } else if (lineNo % 25 === 0) {
      await sleep(1); // slowly, like a live hub: the reader sees many small writes
    }
    assert.equal(w.lines.length, next, `no alert before its line (after line ${lineNo})`);
  }
  assert.equal(next, want.length);
  const got = w.lines.map((l) => JSON.parse(l.text) as WatchAlert);
  assert.deepEqual(got.map((a) => [a.kind, a.at, a.user]), want.map((a) => [a.kind, a.at, a.user]));
  // How fast is for `npm run bench` to say (on a shared machine a bound here would be a coin toss).
  const worst = Math.max(...latencies);
  w.child.stdin.end();
  const { code } = await w.exited;
  assert.equal(code, 0);
  assert.match(w.stderr(), /stopped by end of input/);
  // For the record (node --test prints diagnostics): how fast it really is.
  console.log(`# ${latencies.length} alerts, latency first ${latencies[0].toFixed(0)} ms, median ${latencies.slice().sort((a, b) => a - b)[latencies.length >> 1].toFixed(0)} ms, worst ${worst.toFixed(0)} ms`);
});
