// What the CLI tells the person at the terminal besides the report: the file it wrote, and why it
// will not pour HTML into a terminal.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

const SAMPLE = 'samples/incident-two-days.log';
const REFUSAL = 'hubsleuth: --format html writes a page for a browser, not for a terminal: add -o report.html (or pipe it: … > report.html)';

describe('-o says what it wrote, in one line on stderr', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'hubsleuth-speaks-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the file, the format and the number of incidents', async () => {
    const s = await runCli(['analyze', join(ROOT, SAMPLE), '--format', 'markdown', '-o', 'incident.md'], { cwd: dir });
    assert.equal(s.code, 1);
    assert.equal(s.stdout, '');
    assert.equal(s.stderr, 'wrote incident.md: markdown, 15 incidents\n');
    assert.match(readFileSync(join(dir, 'incident.md'), 'utf8'), /^# Incident report: /);
  });

  test('plural right for 0 incidents, and silent with --quiet', async () => {
    const out = join(dir, 'healthy.json');
    const r = await runCli(['analyze', 'samples/healthy-servers-only.log', '--format', 'json', '-o', out]);
    assert.equal(r.stderr, `wrote ${out}: json, 0 incidents\n`);
    const q = await runCli(['analyze', '-q', 'samples/healthy-servers-only.log', '--format', 'json', '-o', out]);
    assert.equal(q.stderr, '');
  });

  test('nothing said when the report goes to standard output', async () => {
    const r = await runCli(['analyze', 'samples/healthy-servers-only.log']);
    assert.equal(r.stderr, '');
  });
});

describe('--format html and a terminal', () => {
  test('into a pipe or a file the page is written as asked', async () => {
    const r = await runCli(['analyze', '--exit-zero', 'samples/healthy-servers-only.log', '--format', 'html']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^<!DOCTYPE html>/);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  test('on a terminal it is refused with the way to get it', { skip: !hasScript && 'script(1) not available' }, () => {
    const cmd = [process.execPath, CLI, 'analyze', 'samples/healthy-servers-only.log', '--format', 'html'].map((a) => JSON.stringify(a)).join(' ');
    let out: string;
    let code = 0;
    try {
      out = execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
      code = (e as { status?: number }).status ?? -1;
    }
    assert.equal(code, 2);
    assert.equal(out.replace(/\r\n/g, '\n'), `${REFUSAL}\n`);
  });
});

describe('--user narrows every section', () => {
  test('findings speak of that user only', async () => {
    const r = await runCli(['analyze', '--exit-zero', '--wide', SAMPLE, '--user', 'dana@example.org']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\[error\] The deletions came back after a hub restart \(pattern-recurred\): The culler deleted users again after the hub restart at 2025-05-14 10:31:52: 1 user \(dana@example\.org\)\./m);
    assert.match(r.stdout, /^\[warning\] Home volumes were deleted with their users \(home-volumes-deleted\): 2 home volume claims \(PVC\) were deleted along with deleted users/m);
    for (const other of ['frank', 'bob', 'carol', 'grace', 'erin', 'admin-alice']) assert.doesNotMatch(r.stdout, new RegExp(`\\b${other}\\b`), other);
  });

  test('a user with no deletion after the restart has no recurrence finding', async () => {
    const r = await runCli(['analyze', '--exit-zero', SAMPLE, '--user', 'nobody-here']);
    assert.doesNotMatch(r.stdout, /^\[(error|warning)\]/m);
  });
});
