// The HTML report's lane of a user shows that user's server story: every start, stop and failed
// spawn of the JSON report's users[] is a titled mark in their lane, and the legend names them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

test("each deleted user's lane marks their server's starts, stops and failed spawns, titled as their story tells them", async () => {
  const log = sample('incident-two-days.log');
  const [html, json] = await Promise.all([
    runCli(['analyze', '--format', 'html', '--exit-zero', log]),
    runCli(['analyze', '--format', 'json', '--exit-zero', log]),
  ]);
  const report = JSON.parse(json.stdout) as Report;
  const deleted = new Set(report.incidents.map((i) => i.user));
  const expected = (report.users ?? []).filter((u) => deleted.has(u.user))
    .flatMap((u) => u.story.filter((s) => ['spawn-started', 'stop', 'spawn-failed'].includes(s.kind)).map((s) => `${u.user} ${s.kind} ${s.t}`));
  const marks = [...html.stdout.matchAll(/data-kind="story" data-step="([a-z-]+)" data-user="([^"]+)" data-at="([^"]+)"[^>]*><title>([^<]*)<\/title>/g)];
  assert.deepEqual(marks.map((m) => `${m[2]} ${m[1]} ${m[3]}`).sort(), expected.sort());
  assert.ok(expected.length > 10, `the sample has server steps: ${expected.length}`);
  const stop = marks.find((m) => m[1] === 'stop' && m[2] === 'bob');
  assert.match(stop?.[4] ?? '', /^server stopped: 2025-05-1\d \d\d:\d\d:\d\d \(by the idle culler \(jupyterhub-idle-culler\); idle, inactive for \d h \d+ min\)$/);
  assert.match(html.stdout, /<li><svg viewBox="0 0 22 18" aria-hidden="true"><path class="step stop" d="M11 5v9"\/><\/svg>server stopped<\/li>/);
});
