// A private key pasted with every line wrapped on its own: no body line comes out of `events`, and a
// key cut before its END line hides nothing of the log after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

const BODY = 'MIIEpSEKRIT13AIBAAKCAQEA0Zr2';
const texts = (stdout: string) => stdout.trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);

test('events: a key with emphasis around each of its lines shows its BEGIN and END lines, not its body', async () => {
  const log = [
    "**[E 2025-05-14 10:00:01.000 JupyterHub app:2] Loading the proxy's key failed:**",
    '**-----BEGIN RSA PRIVATE KEY-----**',
    `**${BODY}**`,
    `**${BODY.toLowerCase()}**`,
    '**-----END RSA PRIVATE KEY-----**',
    '**[I 2025-05-14 10:00:02.000 JupyterHub app:3] Hub is up**',
  ].join('\n') + '\n';
  const r = await runCli(['events'], { input: log });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(texts(r.stdout), [
    "Loading the proxy's key failed:",
    '**-----BEGIN RSA PRIVATE KEY-----[secret]',
    '[secret]',
    '[secret]',
    '**-----END RSA PRIVATE KEY-----**',
    'Hub is up',
  ]);
});

test('events: a key cut before its END line ends at the next log record, which is read as usual', async () => {
  const log = [
    '```-----BEGIN PRIVATE KEY-----',
    `\`\`\`${BODY}`,
    "```[W 2025-05-14 10:00:03.000 JupyterHub auth:534] User 'priya' not allowed.",
    '```a line after the log',
  ].join('\n') + '\n';
  const r = await runCli(['events'], { input: log });
  assert.equal(r.code, 0, r.stderr);
  const shown = texts(r.stdout);
  assert.equal(shown.length, 4);
  assert.ok(!r.stdout.includes(BODY), r.stdout);
  assert.equal(shown[1], '[secret]');
  assert.equal(shown[2], "User 'priya' not allowed.");
  assert.ok(shown[3].endsWith('a line after the log'), shown[3]);
});
