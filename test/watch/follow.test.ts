// --follow like tail -F: a file appended to, then rotated (rename + new file), then truncated. The
// alerts are those of the whole sample, with evidence line numbers counted in the file that has the
// name at the time (they start again at 1 after a rotation or a truncation).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, sample } from '../helpers/cli.js';
import type { WatchAlert } from '../../src/watch/alerts.js';
import { killLeftovers, readLines, sleep, startWatch } from './live.js';

afterEach(killLeftovers);

const trigger = (a: WatchAlert) => Math.max(...a.evidence.map((e) => e.line));

test('--follow reads appended lines, then the new file after a rotation, then the file again after truncation', { timeout: 60_000 }, async () => {
  const lines = readLines(sample('incident-two-days.log'));
  const full = (await runCli(['watch', '--every', '0', '--format', 'ndjson', sample('incident-two-days.log')])).stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchAlert);
  // Parts: [0, A) written in two appends, [A, B) into the new file after rotation, [B, end) after truncation.
  const A = 700;
  const B = 1400;
  const upto = (n: number) => full.filter((a) => trigger(a) <= n).length;
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-follow-'));
  const log = join(dir, 'hub.log');
  try {
    writeFileSync(log, lines.slice(0, 350).join('\n') + '\n');
    const w = startWatch(['--follow', '--format', 'ndjson', log]);
    await w.waitForLines(upto(350));
    appendFileSync(log, lines.slice(350, A).join('\n') + '\n');
    await w.waitForLines(upto(A));
    // logrotate `create`: rename, then a new file under the name.
    renameSync(log, log + '.1');
    await sleep(300); // a poll sees the name missing: the old file is still read
    writeFileSync(log, lines.slice(A, B).join('\n') + '\n');
    await w.waitForLines(upto(B));
    await w.waitForStderr(/hub\.log: rotated/);
    // copytruncate / `> hub.log`: the same file, shorter; wait for it to be seen before writing more
    // (a truncation followed by more bytes than were read, within one poll, looks like growth).
    truncateSync(log, 0);
    await w.waitForStderr(/hub\.log: truncated/);
    appendFileSync(log, lines.slice(B).join('\n') + '\n');
    await w.waitForLines(full.length);
    const got = w.lines.map((l) => JSON.parse(l.text) as WatchAlert);
    assert.deepEqual(got.map((a) => [a.kind, a.at, a.user]), full.map((a) => [a.kind, a.at, a.user]));
    const offset = (n: number) => (n <= A ? 0 : n <= B ? A : B);
    assert.deepEqual(got.map(trigger), full.map((a) => trigger(a) - offset(trigger(a))));
    w.child.kill('SIGTERM');
    const { code } = await w.exited;
    assert.equal(code, 0);
    assert.match(w.stderr(), /Followed files were rotated 1 time and truncated 1 time\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--follow waits for a file that does not exist yet', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-follow-'));
  const log = join(dir, 'later.log');
  try {
    const w = startWatch(['--follow', log]);
    await w.waitForStderr(/later\.log: does not exist \(yet\); waiting/);
    writeFileSync(log, readLines(sample('incident-two-days.log')).slice(0, 210).join('\n') + '\n');
    await w.waitForLines(2);
    assert.match(w.lines[1].text, /deleted user frank/);
    w.child.kill('SIGINT');
    assert.equal((await w.exited).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
