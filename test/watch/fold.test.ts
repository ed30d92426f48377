// A deleted user's retries: one alert per user and deletion per --every window, each written alert
// saying how many refusals it also stands for, so that nothing is dropped from the count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { runCli } from '../helpers/cli.js';
import type { WatchAlert } from '../../src/watch/alerts.js';
import { Watcher } from '../../src/watch/watcher.js';
import { makeZone } from '../../src/core/time.js';

const refused = (hms: string) => [
  `[W 2025-05-13 ${hms}.812 JupyterHub auth:534] User 'frank' not allowed.`,
  `[W 2025-05-13 ${hms}.813 JupyterHub log:192] 403 GET /hub/oauth_callback?state=x&code=y (@10.0.2.15) 615.36ms`,
];
const LOG = [
  '[I 2025-05-13 07:58:13.712 JupyterHub app:2886] Running JupyterHub version 4.1.5',
  '[I 250513 08:58:15 __init__:371] Culling user frank (inactive for 1:00:01.147961)',
  '[I 2025-05-13 08:58:15.433 JupyterHub log:192] 204 DELETE /hub/api/users/frank (jupyterhub-idle-culler@::1) 96.34ms',
  ...refused('13:02:52'), ...refused('13:02:53'), ...refused('13:02:54'),
  ...refused('13:20:00'), ...refused('13:20:05'),
].join('\n') + '\n';

const denied = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchAlert).filter((a) => a.kind === 'denied-after-deletion');

test('refusals within --every are folded into the next alert, and the last ones are written at the end', async () => {
  const r = await runCli(['watch', '--format', 'ndjson'], { input: LOG });
  assert.equal(r.code, 0, r.stderr);
  const alerts = denied(r.stdout);
  assert.deepEqual(alerts.map((a) => [a.at, a.folded, a.foldedSince]), [
    ['2025-05-13T13:02:52.813Z', undefined, undefined],
    ['2025-05-13T13:20:00.813Z', 2, '2025-05-13T13:02:52.813Z'],
    ['2025-05-13T13:20:05.813Z', undefined, undefined],
  ]);
  assert.equal(alerts.reduce((n, a) => n + 1 + (a.folded ?? 0), 0), 5, 'every refusal is counted once');
  assert.match(alerts[1].summary, / 2 more refusals of frank since the alert at 2025-05-13 13:02:52 UTC are folded into this one\.$/);
  assert.match(r.stderr, /3 denied-after-deletion, 1 hub-restarted; 2 more refusals of the same users folded into them \(--every\)\./);
});

test('--every 0 writes one alert per refusal; a window that holds them all writes two', async () => {
  const all = await runCli(['watch', '--format', 'ndjson', '--every', '0'], { input: LOG });
  assert.deepEqual(denied(all.stdout).map((a) => a.folded ?? 0), [0, 0, 0, 0, 0]);
  const wide = await runCli(['watch', '--format', 'ndjson', '--every', '1h'], { input: LOG });
  assert.deepEqual(denied(wide.stdout).map((a) => [a.at, a.folded ?? 0]), [['2025-05-13T13:02:52.813Z', 0], ['2025-05-13T13:20:05.813Z', 3]]);
});

test('--every that is no duration is a usage error', async () => {
  const r = await runCli(['watch', '--every', '10x'], { input: LOG });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "hubsleuth: --every '10x' is not a duration: use 30s, 10m, 1h, or 0 for every refusal\n");
});

test('while the output is behind, no more input is read; once it drains, reading goes on', async () => {
  let release: () => void = () => {};
  const lines: string[] = [];
  const w = new Watcher({
    format: 'ndjson', sinceStart: false, forgetAfterMs: 14 * 86_400_000, zone: makeZone('UTC'), everyMs: 0, note: () => {},
    write: (s) => {
      lines.push(s);
      return false; // every write fills the reader's buffer
    },
    drained: () => new Promise<void>((r) => {
      release = r;
    }),
    idleMs: 10,
  });
  const input = new PassThrough();
  w.addStream('-', input);
  const done = w.run();
  const pending = () => input.readableLength;
  input.write(LOG);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(lines.length > 0, 'the first alerts were written');
  input.write(LOG.replace(/2025-05-13/g, '2025-05-14'));
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(pending() > 0, 'the next chunk waits in the stream while the output is behind');
  release();
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(pending(), 0, 'read once the output drained');
  input.end();
  release();
  await done;
});
