// Every report states what it saw, in every format, and an excerpt too short to rule the culler out
// gets `inconclusive` with what to collect instead, through the built CLI as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, sample } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

const SEEN = '2203 hub records, 2 hub starts, culler seen, 1 d 23 h covered (2025-05-13 07:58:13 to 2025-05-15 07:51:55), 100% of records understood';

test('every format shows the evidence line; JSON has the evidence block', async () => {
  const [text, md, html, json] = await Promise.all(['text', 'markdown', 'html', 'json'].map((f) => runCli(['analyze', '--wide', '--format', f, sample('incident-two-days.log')])));
  assert.ok(text.stdout.includes(`\nEvidence: ${SEEN}\n`), text.stdout);
  assert.ok(md.stdout.includes(`\n- **Evidence:** ${SEEN}\n`), md.stdout);
  assert.ok(html.stdout.includes(`<p class="note evidence">Evidence: ${SEEN}; 2203 lines read.</p>`), html.stdout);
  assert.deepEqual((JSON.parse(json.stdout) as Report).seen, {
    hubRecords: 2203, hubStarts: 2, cullerSeen: true, from: '2025-05-13T07:58:13.712Z', to: '2025-05-15T07:51:55.270Z', spanSeconds: 172422, understood: 1,
  });
});

test('twenty minutes of a healthy hub, without the culler\'s start: inconclusive, and what to collect', async () => {
  const excerpt = readFileSync(sample('healthy-servers-only.log'), 'utf8').split('\n').slice(14, 20).join('\n') + '\n';
  const whole = JSON.parse((await runCli(['analyze', '--format', 'json', sample('healthy-servers-only.log')])).stdout) as Report;
  assert.deepEqual([whole.verdict.rootCause, whole.verdict.confidence], ['none', 'high']);
  const r = await runCli(['analyze', '--wide'], { input: excerpt });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes('\nVerdict: inconclusive (confidence low) — The logs do not support a conclusion\n'
    + "The log covers 20 min 0 s (2025-05-13 06:55:43 to 2025-05-13 07:15:43), less than one cull cycle (1 h 10 min with the chart's defaults; the culler's settings are not in the log), so a cull and the refusals after it may lie outside it. "
    + "Collect the hub's log over two days: `kubectl logs deploy/hub -n NAMESPACE --since=48h`, and `kubectl logs deploy/hub -n NAMESPACE --previous` for the container before the hub's last restart.\n"
    + 'Evidence: 6 hub records, 0 hub starts, culler seen, 20 min 0 s covered (2025-05-13 06:55:43 to 2025-05-13 07:15:43), 100% of records understood\n'), r.stdout);
});

test('a bare 403 in a minute of log: unknown, and the deletion before it is not ruled out', async () => {
  const excerpt = '[I 2025-05-13 07:46:06.660 JupyterHub log:192] 200 GET /hub/home (bob@10.0.2.15) 21.65ms\n'
    + '[W 2025-05-13 07:47:10.120 JupyterHub log:192] 403 GET /hub/api/users (bob@10.0.2.15) 3.10ms\n';
  const r = await runCli(['analyze', '--wide'], { input: excerpt });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes('\nVerdict: unknown (confidence low) — Refused requests without a recognisable cause\n1 refused request: Cause not recognised (bob). '), r.stdout);
  assert.ok(r.stdout.includes(' No user deletion in the log explains them, but it covers 1 min 3 s (2025-05-13 07:46:06 to 2025-05-13 07:47:10), less than one cull cycle '
    + "(1 h 10 min with the chart's defaults; the culler's settings are not in the log), so a deletion before them cannot be ruled out: `kubectl logs deploy/hub -n NAMESPACE --since=48h` would show it.\n"), r.stdout);
});

test('two inputs read as one hub: every format says so, and why', async () => {
  const files = [sample('loki.jsonl'), sample('fluent-bit.ndjson')];
  const said = "; 2 inputs read as one hub's log (the same namespace (jhub)), merged by time: if they come from different hubs, analyse each on its own";
  const [text, md, html, json] = await Promise.all(['text', 'markdown', 'html', 'json'].map((f) => runCli(['analyze', '--wide', '--exit-zero', '--format', f, ...files])));
  assert.match(text.stdout, new RegExp(`\\nEvidence: [^\\n]*% of records understood${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`), text.stdout);
  assert.ok(md.stdout.includes(`${said}\n`), md.stdout);
  assert.ok(html.stdout.includes(`${said.replace("'", '&#39;')}; `), html.stdout);
  assert.deepEqual((JSON.parse(json.stdout) as Report).seen.oneHubAssumed, files);
  assert.deepEqual((JSON.parse(json.stdout) as Report).seen.oneHubBecause, ['the same namespace (jhub)']);
  const one = JSON.parse((await runCli(['analyze', '--format', 'json', files[0]])).stdout) as Report;
  assert.equal('oneHubAssumed' in one.seen, false);
});
