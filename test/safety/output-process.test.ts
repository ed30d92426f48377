// Output safety (hostile log content) and process hygiene.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const EVIL_USER = '<img src=x onerror=alert(1)>|`x`';
const HOSTILE = `[I 2025-05-14 08:00:01.310 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--timeout=3600', '--cull-users']
[I 250514 10:22:00 __init__:371] Culling user ${EVIL_USER} (inactive for 1:13:59.512345)
[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/${EVIL_USER} (jupyterhub-idle-culler@::1) 85.12ms
[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User '${EVIL_USER}' not allowed.
[W 2025-05-14 13:40:02.120 JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret] (@10.0.2.15) 311.40ms
[I 250514 10:23:00 __init__:371] Culling user evil\x1b]0;title\x07\x1b[2J\x1b[31m|\`\`\`x (inactive for 1:13:59.512345)
[I 2025-05-14 10:23:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/evil\x1b]0;title\x07\x1b[2J\x1b[31m|\`\`\`x (jupyterhub-idle-culler@::1) 85.12ms
[W 2025-05-14 13:41:02.118 JupyterHub auth:534] User 'evil\x1b]0;title\x07\x1b[2J\x1b[31m|\`\`\`x' not allowed.
[W 2025-05-14 13:41:02.120 JupyterHub log:192] 403 GET /hub/oauth_callback?state=[secret] (@10.0.2.15) 311.40ms
`;


async function render(format: string): Promise<string> {
  const r = await runCli(['analyze', '--exit-zero', '--format', format, '-'], { input: HOSTILE });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

test('hostile log content: text has no control or escape sequences from the log', async () => {
  const out = await render('text');
  assert.match(out, /Incidents \(2\)/);
  // NO_COLOR is set by runCli, so any ESC, BEL or other C0 control (bar \n) came from the log.
  // eslint-disable-next-line no-control-regex -- the test is that no control character gets through
  assert.doesNotMatch(out, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
});

test('hostile log content: markdown escapes table breakers, backticks and HTML', async () => {
  const out = await render('markdown');
  // eslint-disable-next-line no-control-regex -- the test is that no control character gets through
  assert.doesNotMatch(out, /[\x00-\x09\x0b-\x1f\x7f]/);
  // Outside code fences (where text is literal) no raw HTML may reach the renderer.
  const prose = out.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
  assert.ok(!prose.includes('<img'), 'raw HTML in markdown');
  // Every table row keeps the column count of its header.
  const lines = out.split('\n');
  let cols = -1;
  let inFence = false;
  for (const l of lines) {
    if (/^`{3,}/.test(l)) inFence = !inFence;
    if (inFence) continue;
    if (!l.startsWith('|')) { cols = -1; continue; }
    const n = l.replace(/\\\|/g, '').split('|').length;
    if (cols < 0) cols = n;
    assert.equal(n, cols, `table row broken: ${l}`);
  }
  // The evidence fence is longer than any backtick run inside it.
  const fence = /^(`{3,})text$/m.exec(out);
  assert.ok(fence && fence[1].length > 3, 'evidence fence must outgrow ``` from the log');
});

test('hostile log content: HTML escapes everything, JSON is valid and keeps the text', async () => {
  const html = await render('html');
  assert.ok(!html.includes('<img'), 'unescaped <img> in HTML');
  assert.ok(!/onerror=alert\(1\)>/.test(html.replace(/&lt;img[^<]*?&gt;/g, '')), 'attribute-breaking output');
  // eslint-disable-next-line no-control-regex -- the test is that no control character gets through
  assert.doesNotMatch(html, /[\x00-\x08\x0b\x0c\x0e-\x1f]/);
  const json = JSON.parse(await render('json')) as { incidents: Array<{ user: string }> };
  assert.ok(json.incidents.some((i) => i.user === EVIL_USER), 'JSON keeps the exact name');
});

test('`| head -1` exits quietly (EPIPE): no stack trace, exit 0', async () => {
  for (const args of [['analyze', '--format', 'json', sample('incident-two-days.log'), sample('healthy-servers-only.log')], ['events', sample('incident-two-days.log')]]) {
    const res = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const sh = spawn('sh', ['-c', `"${process.execPath}" "${CLI}" ${args.map((a) => `'${a}'`).join(' ')} | head -1 >/dev/null; echo "\${PIPESTATUS:-}"`], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let err = '';
      sh.stderr.on('data', (b: Buffer) => (err += b.toString()));
      sh.on('close', (code) => resolve({ code, err }));
    });
    assert.equal(res.code, 0);
    assert.equal(res.err, '', `stderr: ${res.err}`);
  }
});

const dir = tempDir('out');

test('missing file, directory without logs, corrupt gzip: one line each naming the input, exit 2, others still analysed', async () => {
  const empty = join(dir, 'empty-dir');
  mkdirSync(empty);
  const gz = join(dir, 'corrupt.log.gz');
  const good = gzipSync(Buffer.from(HOSTILE));
  writeFileSync(gz, Buffer.concat([good.subarray(0, 40), Buffer.from('garbage-garbage-garbage')]));
  const missing = join(dir, 'nope.log');
  const r = await runCli(['analyze', '--format', 'json', missing, empty, gz, sample('incident-two-days.log')]);
  assert.equal(r.code, 2);
  const report = JSON.parse(r.stdout) as { incidents: unknown[] };
  assert.ok(report.incidents.length > 0, 'the good input was still analysed');
  const errs = r.stderr.split('\n').filter((l) => l.startsWith('hubsleuth:') && !l.startsWith('hubsleuth: note:'));
  for (const name of [missing, empty, gz]) assert.equal(errs.filter((l) => l.includes(name)).length, 1, `one line for ${name}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('SIGINT during a batch run exits promptly with 130', async () => {
  const child = spawn(process.execPath, [CLI, 'analyze', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  // 2 MB is more than a pipe holds: the write completes only once the CLI is reading (so its
  // handler is in place). stdin stays open: the run is mid-read when the signal comes.
  await new Promise<void>((r) => child.stdin.write(HOSTILE.repeat(Math.ceil((2 << 20) / HOSTILE.length)), () => r()));
  const t0 = Date.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  assert.equal(code, 130, err);
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(err, '');
});
