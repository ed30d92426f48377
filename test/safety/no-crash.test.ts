// Inputs that once ended in "internal error" (exit 3): each gives a report or one line naming the
// problem, through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-nocrash-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const stamp = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 23);

test('--format html with 130,000 refused requests: written, the table lists the first 1,000 and says how many more', async () => {
  const t0 = Date.UTC(2025, 4, 14, 8);
  const lines = ["[I 2025-05-14 07:59:00.000 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--timeout=3600', '--cull-users']"];
  for (let u = 0; u < 5; u++) lines.push(`[I ${stamp(t0 + u)} JupyterHub log:192] 204 DELETE /hub/api/users/user${u} (jupyterhub-idle-culler@::1) 8.00ms`);
  for (let i = 0; i < 130_000; i++) {
    lines.push(`[W ${stamp(t0 + 60_000 + i * 1000)} JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret] (user${i % 5}@10.0.2.15) 3.00ms`);
  }
  const log = join(tmp, 'many-refusals.log');
  writeFileSync(log, lines.join('\n') + '\n');
  const r = await runCli(['analyze', '--exit-zero', '--format', 'html', log], { timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /<p class="note">130000 refused: /);
  assert.equal(r.stdout.match(/data-kind="denial-row"/g)?.length, 1000);
  assert.match(r.stdout, /129000 more refused requests are not listed here; the JSON report \(<code>--format json<\/code>\) has all of them\./);
  // Marks are drawn per pixel bucket, not per refusal: the page stays small enough to open.
  assert.ok(r.stdout.length < 2_000_000, `${r.stdout.length} bytes`);
});

test('a path holding `[` that names no file: one line naming it, exit 2 (analyze and events)', async () => {
  const cases: Array<[string, string]> = [
    [join(tmp, 'nope', 'a[b.log'), 'no such file or directory'],
    [join(tmp, 'hub-[z-a].log'), 'no file matches this pattern'],
    [join(tmp, 'hub-[0-9].log'), 'no file matches this pattern'],
  ];
  for (const [path, why] of cases) {
    for (const cmd of ['analyze', 'events']) {
      const r = await runCli([cmd, path]);
      assert.equal(r.code, 2, `${cmd} ${path}: ${r.stderr}`);
      assert.equal(r.stderr, `hubsleuth: ${path}: ${why}\n`);
    }
  }
});

test('a file whose name holds `[` is read, named or matched by a class', async () => {
  const log = join(tmp, 'hub[1].log');
  writeFileSync(log, "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.\n");
  for (const arg of [log, join(tmp, 'hub[[]1].log')]) {
    const r = await runCli(['events', arg]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { kind: string }).kind, 'login-refused');
  }
});

test('a continuation line after a login, a failed login, a re-created or a deleted user: read, not an error that ends the input', async () => {
  const lines = [
    '[W 2025-05-14 13:40:02.118 JupyterHub base:816] Failed login for carol', '    Traceback (most recent call last):',
    '[I 2025-05-14 13:40:03.118 JupyterHub base:937] User logged in: alice', '    ',
    '[I 2025-05-14 13:40:04.118 JupyterHub roles:238] Adding role user for User: bob', '    x',
    '[I 250514 13:40:05 __init__:380] Deleting user ', '    dave',
    '[W 2025-05-14 13:40:06.118 JupyterHub log:192] 403 GET /hub/user/erin/ (erin@10.0.0.1) 3.00ms', '    ',
  ];
  const r = await runCli(['events', '-'], { input: lines.join('\n') + '\n' });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; user?: string | null; lines: number });
  assert.deepEqual(events.map((e) => [e.kind, e.user ?? null, e.lines]), [
    ['login-failed', 'carol', 2], ['login-succeeded', 'alice', 2], ['user-added', 'bob', 2], ['message', null, 2], ['access', 'erin', 2],
  ]);
});
