// Every help text fits an 80-column terminal: the top-level help, each command's --help and
// `help <command>`, every `help <topic>`, and `kubectl hubsleuth --help`. The commands and topics are read from the top-level
// help itself, so a command or topic added later is held to the same width.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

const help = async (args: string[], columns?: string): Promise<string> => {
  const r = await runCli(args, { env: { COLUMNS: columns } });
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stderr, '');
  return r.stdout;
};

/** The names listed under `heading` in the top-level help, one per line, indented by two. */
function listed(top: string, heading: RegExp): string[] {
  const lines = top.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  assert.ok(start >= 0, `${heading} in the top-level help`);
  const names: string[] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== ''; i++) {
    const m = /^ {2}([a-z][a-z-]*)\b/.exec(lines[i]);
    if (m) names.push(m[1]);
  }
  return names;
}

describe('help fits 80 columns', async () => {
  const top = await help(['--help']);
  const commands = listed(top, /^Commands:$/).filter((c) => c !== 'help');
  const topics = listed(top, /^Help topics/);

  test('the top-level help lists the commands and topics it is read for', () => {
    assert.deepEqual(commands, ['analyze', 'events', 'filter', 'check-config', 'check-db', 'check-hub', 'watch']);
    assert.deepEqual(topics, ['formats', 'exit-codes', 'incident']);
  });

  const texts: string[][] = [['--help'], ['help'], ...commands.flatMap((c) => [[c, '--help'], ['help', c]]), ...topics.map((t) => ['help', t])];
  for (const args of texts) {
    test(`hubsleuth ${args.join(' ')}: no line over 80 columns, in a pipe and at COLUMNS=80`, async () => {
      for (const columns of [undefined, '80']) {
        const out = await help(args, columns);
        assert.ok(out.split('\n').length > 3, 'a help text');
        assert.deepEqual(out.split('\n').filter((l) => stringWidth(l) > 80), [], `COLUMNS=${columns}`);
      }
    });
  }
});

test('kubectl hubsleuth --help: no line over 80 columns, in a pipe and at COLUMNS=80', () => {
  for (const columns of [undefined, '80']) {
    const r = spawnSync(process.execPath, [resolve(ROOT, 'dist/src/cli/kubectl/main.js'), '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: columns } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: kubectl hubsleuth \[options\]\n/);
    assert.deepEqual(r.stdout.split('\n').filter((l) => stringWidth(l) > 80), [], `COLUMNS=${columns}`);
  }
});
