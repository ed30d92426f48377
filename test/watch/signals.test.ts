// SIGTERM, SIGINT and end of input end watch the same way: a one-paragraph summary on stderr, exit 0.
// And --since-start: no alerts for the backlog before the last hub start, live alerts at once after.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { sample } from '../helpers/cli.js';
import type { WatchAlert } from '../../src/watch/alerts.js';
import { killLeftovers, readLines, startWatch } from './live.js';

afterEach(killLeftovers);

const lines = readLines(sample('incident-two-days.log'));

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  test(`${sig} while the pipe is still open: summary paragraph on stderr, exit 0`, async () => {
    const w = startWatch(['--format', 'ndjson']);
    await w.write(lines.slice(0, 700).join('\n') + '\n');
    await w.waitForLines(10); // the alerts of the first 700 lines: the start, 6 deletions, 3 refusals
    w.child.kill(sig);
    const { code, signal } = await w.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    const err = w.stderr().trim();
    assert.ok(!err.includes('\n'), `one paragraph: ${err}`);
    assert.match(err, new RegExp(`^hubsleuth watch: stopped by ${sig} after \\d+ s\\. Read 700 lines`));
    assert.match(err, /alerts: 6 user-deleted, 3 denied-after-deletion, 1 hub-restarted\b/);
    assert.match(err, /Deleted and not back since .*: .*frank.*; they will be refused/);
  });
}

test('end of input: the same summary, exit 0', async () => {
  const w = startWatch([]);
  await w.write(lines.join('\n') + '\n');
  w.child.stdin.end();
  const { code } = await w.exited;
  assert.equal(code, 0);
  assert.equal(w.lines.length, 34);
  assert.match(w.stderr(), /^hubsleuth watch: stopped by end of input .*34 alerts/);
});

test('--since-start: the backlog before the last hub start stays quiet; what follows it, and live lines, alert', async () => {
  const restart = lines.findIndex((l) => l.includes('Running JupyterHub version 4.1.5') && l.includes('2025-05-14'));
  assert.ok(restart > 0);
  const w = startWatch(['--format', 'ndjson', '--since-start']);
  // The backlog up to an hour after the restart arrives at once, as kubectl sends it.
  const cut = lines.findIndex((l) => l.includes('2025-05-14 11:35'));
  await w.write(lines.slice(0, cut).join('\n') + '\n');
  await w.waitForLines(3, 20_000); // held until caught up (1 s quiet), then: restart, frank culled again, recurrence
  const held = w.lines.map((l) => JSON.parse(l.text) as WatchAlert);
  assert.deepEqual(held.map((a) => [a.kind, a.user ?? null]), [['hub-restarted', null], ['user-deleted', 'frank'], ['recurrence', 'frank']]);
  assert.ok(held.every((a) => a.at >= '2025-05-14T10:31:52.732Z'));
  // Live from here: the next alert comes with its line, not held back as history.
  await w.write(lines.slice(cut).join('\n') + '\n');
  await w.waitForLines(4);
  w.child.stdin.end();
  await w.exited;
  assert.equal(w.lines.length, 14);
  assert.match(w.stderr(), /14 alerts.*; 20 more held back as history before the hub start at 2025-05-14 10:31:52 UTC \(--since-start\)/);
});
