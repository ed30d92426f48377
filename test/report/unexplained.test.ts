// A refusal no line of the log explains, among refusals that are explained: every format says,
// for that refusal, which line would have explained it (the dominant cause keeps the verdict).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { ReportJson } from '../../src/core/model/report.js';
import { mdEscape } from '../../src/report/markdown-escape.js';

const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-unexplained-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const scopeRefusal = (t: string) => [
  `[W 2025-05-14 ${t}.551 JupyterHub scopes:1019] Not authorizing access to /hub/api/users. Requires any of [list:users], not derived from scopes [read:users:name!user=priya]`,
  `[W 2025-05-14 ${t}.552 JupyterHub web:1873] 403 GET /hub/api/users (10.0.2.15): Action is not authorized with current scopes; requires any of [list:users]`,
  `[W 2025-05-14 ${t}.553 JupyterHub log:192] 403 GET /hub/api/users (priya@10.0.2.15) 3.01ms`,
];
const log = join(dir, 'hub.log');
writeFileSync(log, [
  ...scopeRefusal('09:41:10'),
  ...scopeRefusal('09:42:10'),
  // A login refused with no authenticator line kept: nothing in the log says why.
  '[W 2025-05-14 10:05:19.008 JupyterHub log:192] 403 GET /hub/oauth_callback?code=[secret]&state=[secret] (@10.0.2.15) 287.64ms',
].join('\n') + '\n');

const WOULD_HAVE = "the authenticator's line just before the 403 (`User '<name>' not allowed.`, a group, domain or state check)";

test('json: the unexplained refusal names the line that would have explained it; explained ones name none', async () => {
  const r = await runCli(['analyze', '--format', 'json', '--exit-zero', log]);
  const report = JSON.parse(r.stdout) as ReportJson;
  assert.equal(report.verdict.rootCause, 'permission');
  assert.deepEqual(report.denials.map((d) => [d.line, d.cause, d.missing]), [[3, 'permission', null], [6, 'permission', null], [7, 'unknown', WOULD_HAVE]]);
});

test('text: a line under the causes says where the unexplained refusal is and what would have explained it', async () => {
  const r = await runCli(['analyze', '--wide', '--exit-zero', log]);
  assert.ok(r.stdout.split('\n').includes(`  not explained by the log: ${log}:7; the line that would have: ${WOULD_HAVE}`), r.stdout);
});

test('markdown: the causes list says where the unexplained refusal is and what would have explained it', async () => {
  const r = await runCli(['analyze', '--format', 'markdown', '--exit-zero', log]);
  const causes = r.stdout.slice(r.stdout.indexOf('### Causes'));
  assert.ok(causes.split('\n').includes(`- Not explained by the log: ${mdEscape(`${log}:7`)}; the line that would have: ${WOULD_HAVE}`), causes);
});

test('html: under the causes, where the unexplained refusal is and what would have explained it', async () => {
  const out = join(dir, 'report.html');
  await runCli(['analyze', '--format', 'html', '-o', out, '--exit-zero', log]);
  const html = readFileSync(out, 'utf8');
  const items = html.match(/<li data-kind="unexplained">.*?<\/li>/g) ?? [];
  assert.deepEqual(items, [`<li data-kind="unexplained">Not explained by the log: <span class="mono">${log}:7</span>; the line that would have: `
    + "the authenticator&#39;s line just before the 403 (<code>User &#39;&lt;name&gt;&#39; not allowed.</code>, a group, domain or state check)</li>"]);
  assert.ok(html.indexOf('data-kind="unexplained"') > html.lastIndexOf('class="cause"'), 'listed after the causes');
});
