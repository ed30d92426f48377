// watch tells server troubles as they happen: a failed spawn once per failure, however many lines
// the hub writes of it, and a server's third crash within the hour as a crash loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import type { WatchAlert } from '../../src/watch/alerts.js';

const LINES = [
  '[I 2025-05-14 08:00:00.100 JupyterHub app:2859] Running JupyterHub version 5.3.0',
  "[W 2025-05-14 08:15:00.000 JupyterHub user:824] dave's server failed to start in 300 seconds, giving up.",
  '    Common causes of this timeout, and debugging tips:',
  '[E 2025-05-14 08:20:10.500 JupyterHub web:1873] 500 GET /hub/spawn/frank (frank@10.0.2.15): Spawner failed to start [status=1]. The logs for frank may contain details.',
  '[E 2025-05-14 08:20:10.501 JupyterHub log:184] 500 GET /hub/spawn/frank (frank@10.0.2.15) 10012.40ms',
  '[W 2025-05-14 09:30:00.001 JupyterHub base:1307] User carol server stopped, with exit code: 137',
  '[W 2025-05-14 09:40:00.001 JupyterHub base:1307] User carol server stopped, with exit code: 137',
  '[W 2025-05-14 09:50:00.001 JupyterHub base:1307] User carol server stopped, with exit code: 137',
  '[W 2025-05-14 09:55:00.001 JupyterHub base:1307] User carol server stopped, with exit code: 137',
];

test('watch: a spawn-failed alert per failure and a crash-loop alert at the third crash within the hour', async () => {
  const r = await runCli(['watch', '--format', 'ndjson', '-'], { input: LINES.join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchAlert).filter((a) => a.kind !== 'hub-restarted');
  assert.deepEqual(alerts.map((a) => [a.kind, a.severity, a.user, a.reason ?? a.crashes, a.evidence.map((e) => e.line)]), [
    ['spawn-failed', 'warning', 'dave', 'timeout', [2]],
    ['spawn-failed', 'warning', 'frank', 'exited', [4]],
    ['crash-loop', 'error', 'carol', 3, [6, 7, 8]],
  ]);
  assert.equal(alerts[0].detail, "dave's server failed to start in 300 seconds, giving up.");
  assert.equal(alerts[2].since, '2025-05-14T09:30:00.001Z');
  const text = await runCli(['watch', '-'], { input: LINES.join('\n') + '\n' });
  assert.match(text.stdout, /The server of carol crashed 3 times since 2025-05-14 09:30:00 UTC: it is crash-looping;/);
});
