// Every hubsleuth command line the README shows, in code blocks and in `inline code`, names a
// command that exists and only flags that command takes (its --help lists them); `kubectl
// hubsleuth` is held to its own --help. A flag in inline code on its own (`--since`) must be a flag
// of one of the programs. The install section shows the commands the pack test runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';

const README = readFileSync(resolve(ROOT, process.env.HUBSLEUTH_README ?? 'README.md'), 'utf8');
const PLUGIN = resolve(ROOT, 'dist/src/cli/kubectl/main.js');
const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };

function helpOf(entry: string, args: string[]): string {
  const r = spawnSync(process.execPath, [entry, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
  assert.equal(r.status, 0, `${args.join(' ')} --help: ${r.stderr}`);
  return r.stdout;
}

/** The flags an option list of a help text names: `-o, --output <file>` → -o, --output. */
function flagsOf(help: string): Set<string> {
  const out = new Set<string>();
  for (const line of help.split('\n')) {
    if (!/^ {2}-/.test(line)) continue;
    for (const word of line.trim().split(/\s+/)) {
      if (!word.startsWith('-')) break;
      out.add(word.replace(/,$/, ''));
    }
  }
  return out;
}

/** The names under a heading of the top-level help (`Commands:`, `Help topics …`). */
function listed(help: string, heading: RegExp): string[] {
  const lines = help.split('\n');
  const names: string[] = [];
  for (let i = lines.findIndex((l) => heading.test(l)) + 1; i > 0 && i < lines.length && lines[i] !== ''; i++) {
    const m = /^ {2}([a-z][a-z-]*)\b/.exec(lines[i]);
    if (m) names.push(m[1]);
  }
  return names;
}

const top = helpOf(CLI, []);
const COMMANDS = listed(top, /^Commands:$/).filter((c) => c !== 'help');
const TOPICS = listed(top, /^Help topics/);
const FLAGS = new Map<string, Set<string>>([
  ...COMMANDS.map((c): [string, Set<string>] => [c, flagsOf(helpOf(CLI, [c]))]),
  ['kubectl hubsleuth', flagsOf(helpOf(PLUGIN, []))],
]);

/** Code as the README shows it: each line of a fenced block (continuations joined), each inline span. */
function codeOf(markdown: string): string[] {
  const out: string[] = [];
  const prose: string[] = [];
  let fence = false;
  for (const line of markdown.replace(/\\\n/g, ' ').split('\n')) {
    if (/^```/.test(line)) fence = !fence;
    else if (fence) out.push(line.replace(/^\s*\$ /, ''));
    else prose.push(line);
  }
  for (const m of prose.join('\n').matchAll(/`([^`\n]+)`/g)) out.push(m[1]);
  return out;
}

interface Invocation { program: string; command: string; args: string[]; code: string }

/** `… | hubsleuth watch --since-start`, `kubectl hubsleuth -n jhub`: each hubsleuth command line in a piece of code. */
function invocations(code: string): Invocation[] {
  const out: Invocation[] = [];
  for (const m of code.matchAll(/(?:^|[\s|;&(])(?:npx\s+)?(kubectl\s+)?hubsleuth(?=\s|$)([^|;&)<>#]*)/g)) {
    const args = m[2].trim().split(/\s+/).filter((a) => a !== '' && a !== '…');
    if (m[1]) {
      out.push({ program: 'kubectl hubsleuth', command: 'kubectl hubsleuth', args, code });
      continue;
    }
    const first = args[0] ?? '';
    const named = /^[a-z][a-z-]*$/.test(first);
    out.push({ program: 'hubsleuth', command: named ? first : 'analyze', args: named ? args.slice(1) : args, code });
  }
  return out;
}

const CODE = codeOf(README);
const CALLS = CODE.flatMap(invocations);

test('the README shows hubsleuth and kubectl hubsleuth command lines', () => {
  assert.ok(CALLS.filter((c) => c.program === 'hubsleuth').length >= 20, `${CALLS.length} command lines`);
  assert.ok(CALLS.some((c) => c.program === 'kubectl hubsleuth' && c.args.includes('--previous')), 'kubectl hubsleuth --previous');
});

test('every command the README names exists', () => {
  const unknown = CALLS.filter((c) => c.program === 'hubsleuth' && c.command !== 'help' && !COMMANDS.includes(c.command));
  assert.deepEqual(unknown.map((c) => c.code), []);
  const helps = CALLS.filter((c) => c.command === 'help' && c.args[0] && !c.args[0].startsWith('-'));
  assert.deepEqual(helps.filter((c) => ![...COMMANDS, ...TOPICS].includes(c.args[0])).map((c) => c.code), []);
});

test('every flag of a README command line is one its command takes', () => {
  const wrong: string[] = [];
  for (const c of CALLS) {
    const flags = FLAGS.get(c.command) ?? new Set(['-h', '--help']);
    for (const a of c.args) {
      if (!/^--?[a-zA-Z]/.test(a)) continue;
      const flag = a.replace(/=.*/, '');
      if (!flags.has(flag)) wrong.push(`${flag} (${c.command}): ${c.code}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('a flag the README names on its own is a flag of hubsleuth or kubectl hubsleuth', () => {
  const all = new Set([...FLAGS.values()].flatMap((s) => [...s]));
  const bare = CODE.filter((c) => /^--?[a-zA-Z]/.test(c)).map((c) => c.split(/[\s=]/)[0]);
  assert.ok(bare.length >= 10, `${bare.length} flags on their own`);
  assert.deepEqual(bare.filter((f) => !all.has(f)), []);
});

test('the install section: from the clone and from the packed tarball, without the registry', () => {
  const section = /^## Install\n([\s\S]*?)^## /m.exec(README)?.[1] ?? '';
  const lines = codeOf(section).map((l) => l.replace(/\s+#.*$/, '').trim());
  for (const command of ['npm ci && npm run build', 'npm install -g .', 'npm pack', `npm install -g ./hubsleuth-${version}.tgz`]) {
    assert.ok(lines.includes(command), `${command} in the install section`);
  }
  assert.match(section, /`kubectl-hubsleuth`, which kubectl runs as `kubectl hubsleuth`/);
});
