// Every README command block marked runnable is run, so the runbook cannot drift from the tool.
//
// Convention (README.md): the line right before a ```sh fence is `<!-- runnable -->`. Each command in
// such a block (comments and blank lines skipped, `\` continuations joined, a leading `$ ` prompt
// dropped) runs with `bash -o pipefail -c` and must exit 0 or 1 — 1 is hubsleuth's "incidents found",
// which is what the samples show. `hubsleuth` and `npx hubsleuth` run the built dist/src/cli/main.js
// through a shim on PATH, so pipes (`… | hubsleuth`) work as written. Commands run in a scratch
// directory that links every top-level entry of the repository, so `samples/…` resolves as from the
// repo root while files a command writes (`-o incident.md`) never land in the checkout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';

export interface ReadmeCommand {
  /** 1-based line of the command's first line in README.md. */
  line: number;
  command: string;
}

/** The commands of the runnable blocks of a markdown text. */
export function runnableCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const out: ReadmeCommand[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!/^```(?:sh|bash|shell)\s*$/.test(lines[i]) || lines[i - 1].trim() !== '<!-- runnable -->') continue;
    let pending: ReadmeCommand | null = null;
    for (i = i + 1; i < lines.length && !/^```\s*$/.test(lines[i]); i++) {
      const text = lines[i].replace(/^\s*\$ /, '');
      if (!pending && (text.trim() === '' || text.trim().startsWith('#'))) continue;
      if (pending) pending.command += '\n' + text;
      else pending = { line: i + 1, command: text };
      if (!/\\\s*$/.test(text)) {
        out.push(pending);
        pending = null;
      }
    }
    if (pending) out.push(pending);
  }
  return out;
}

/** `npx hubsleuth` → `hubsleuth` (the shim); npx would look for a published package instead. */
export function localise(command: string): string {
  return command.replace(/(^|[\s|;&(])npx\s+(?:--yes\s+|-y\s+)?hubsleuth\b/g, '$1hubsleuth');
}

test('runnableCommands: marker, continuations, prompts, comments', () => {
  const md = ['# x', '```sh', 'not runnable', '```', '<!-- runnable -->', '```sh', '# a comment', '$ hubsleuth a \\', '  --b', '', 'npx hubsleuth c | head', '```'].join('\n');
  assert.deepEqual(runnableCommands(md), [
    { line: 8, command: 'hubsleuth a \\\n  --b' },
    { line: 11, command: 'npx hubsleuth c | head' },
  ]);
  assert.equal(localise('cat x | npx hubsleuth --format json'), 'cat x | hubsleuth --format json');
});

test('every runnable README command exits 0 or 1', { timeout: 300_000 }, async (t) => {
  // HUBSLEUTH_README: try a draft before it replaces README.md.
  const readme = resolve(ROOT, process.env.HUBSLEUTH_README ?? 'README.md');
  const commands = existsSync(readme) ? runnableCommands(readFileSync(readme, 'utf8')) : [];
  if (commands.length === 0) {
    t.skip('README.md has no block marked <!-- runnable --> yet');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'hubsleuth-readme-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const bin = join(work, '.bin');
  mkdirSync(bin);
  const shim = join(bin, 'hubsleuth');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
  const cwd = join(work, 'repo');
  mkdirSync(cwd);
  for (const entry of readdirSync(ROOT)) {
    if (entry === '.git') continue;
    symlinkSync(join(ROOT, entry), join(cwd, entry));
  }
  for (const { line, command } of commands) {
    await t.test(`README.md:${line} ${command.split('\n')[0]}`, () => {
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', localise(command)], {
        cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH ?? ''}` },
      });
      assert.ok(r.status === 0 || r.status === 1, `README.md:${line}: exit ${r.status ?? r.signal}\n$ ${command}\n${r.stderr.slice(-4000)}`);
    });
  }
});
