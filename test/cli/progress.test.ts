// Progress goes to stderr only when stderr is a terminal, and never with --quiet or into a pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';
import { skipUnless } from '../helpers/skip.js';

const hasScript = existsSync('/usr/bin/script');

// `script` gives the command a pseudo-terminal, as a person's shell would.
function inTerminal(args: string[]): string {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  return execFileSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

test('on a terminal, analyze shows bytes, lines and rates on stderr and clears the line', { skip: skipUnless(hasScript, 'util-linux script') }, () => {
  const out = inTerminal(['analyze', '-f', 'json', '-o', '/dev/null', '--exit-zero', sample('incident-two-days.log')]);
  assert.match(out, /hubsleuth: \d+ MB, 2,203 lines, \d+ MB\/s, [\d,]+ lines\/s — .*incident-two-days\.log/);
  assert.ok(out.endsWith('\r\x1b[Kwrote /dev/null: json, 15 incidents\r\n'), 'the progress line is cleared before the one line that says what was written');
});

test('--quiet turns progress off even on a terminal', { skip: skipUnless(hasScript, 'util-linux script') }, () => {
  const out = inTerminal(['analyze', '-q', '-f', 'json', '-o', '/dev/null', '--exit-zero', sample('incident-two-days.log')]);
  assert.doesNotMatch(out, /MB\/s/);
});

test('in a pipe there is no progress: stderr stays empty', async () => {
  const r = await runCli(['analyze', '-f', 'json', sample('incident-two-days.log')]);
  assert.equal(r.stderr, '');
  assert.doesNotMatch(r.stdout, /MB\/s/);
});
