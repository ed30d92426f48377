// The default output of `hubsleuth analyze`: terminal tables a responder reads during the incident.
// Colour only on a terminal, never with NO_COLOR, never in a pipe; log text cannot drive the terminal.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';
import { HubLog } from '../correlate/hublog.js';
import type { Report } from '../../src/core/model/report.js';
import { skipUnless } from '../helpers/skip.js';

const expected = JSON.parse(readFileSync(sample('incident-two-days.expected.json'), 'utf8')) as Report;
const SAMPLE = 'samples/incident-two-days.log';
const shown = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '-');
// How long the culler saw each user inactive, as the log's timedeltas (1:00:01.147961) read.
const INACTIVE = ['1 h 0 min', '1 h 3 min', null, '1 h 7 min', '1 h 3 min', '1 h 6 min', '1 h 2 min', '1 h 7 min', '1 h 0 min', '1 h 5 min', '1 h 1 min', '1 h 1 min', '1 h 1 min', '1 h 6 min', '1 h 6 min'];
// Colour is an SGR sequence (ESC [ … m); a progress line on stderr may use others.
// eslint-disable-next-line no-control-regex -- colour codes begin with ESC
const ANSI = /\x1b\[[0-9;]*m/;

/** The body rows of the first table after `heading`, cells trimmed (cli-table3 box drawing). */
function tableAfter(text: string, heading: RegExp): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  assert.ok(start >= 0, `heading ${heading}`);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && !lines[i].startsWith('└'); i++) {
    if (lines[i].startsWith('│')) rows.push(lines[i].split('│').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

describe('text report on the incident sample', () => {
  let text = '';
  before(async () => {
    // NO_COLOR unset: colour would still be wrong, because standard output is a pipe here.
    const r = await runCli(['analyze', SAMPLE], { env: { NO_COLOR: undefined } });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    text = r.stdout;
  });

  test('verdict first, with the summary a person can paste', () => {
    const [title, , verdict, summary] = text.split('\n');
    assert.match(title, /^hubsleuth \S+ — 2203 lines from 1 input$/);
    assert.match(verdict, /^Verdict: culler-deleted-users \(confidence high\)/);
    assert.match(summary, /idle culler deleted 7 users/);
  });

  test('the incident table shows every incident: user, deletion, actor, denials, first/last denial, restore', () => {
    const rows = tableAfter(text, /^Incidents \(15\)$/);
    assert.deepEqual(rows[0], ['user', 'deleted at', 'by', 'inactive for', 'denials', 'first denied', 'last denied', 'restored']);
    assert.deepEqual(rows.slice(1), expected.incidents.map((i, k) => [
      i.user, shown(i.deletedAt), `${i.deletedBy}${i.actor ? ` (${i.actor})` : ''}`, INACTIVE[k] ?? '-', String(i.denials),
      shown(i.firstDeniedAt), shown(i.lastDeniedAt), i.restoredAt ? `${shown(i.restoredAt)} (${i.restoredBy})` : 'not yet',
    ]));
  });

  test('causes, findings, culler settings, hub starts and what to do', () => {
    assert.match(text, /^Refused requests \(19\): deleted-by-culler 15, not-allowed 2, deleted-by-admin 1, xsrf 1$/m);
    assert.match(text, /^\[error\] pattern-recurred: /m);
    assert.match(text, /^\[warning\] home-volumes-deleted: /m);
    assert.match(text, /^Culler: culler seen yes; culls users \(--cull-users\) YES; timeout 1 h 0 min \(3600 s\); every 10 min 0 s \(600 s\)$/m);
    assert.match(text, /^Hub starts: 2025-05-13 07:58:13 \(4\.1\.5\), 2025-05-14 10:31:52 \(4\.1\.5\)$/m);
    assert.match(text, /^ {2}1\. Set `cull\.users: false`/m);
  });

  test('no ANSI escape in a pipe, with or without NO_COLOR', async () => {
    assert.doesNotMatch(text, ANSI);
    const r = await runCli(['analyze', SAMPLE], { env: { NO_COLOR: '1' } });
    assert.doesNotMatch(r.stdout, ANSI);
    assert.equal(r.stdout, text);
  });
});

// `script` (util-linux) gives the CLI a pseudo-terminal, as when a person runs it in a shell.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('text report on a terminal', { skip: skipUnless(hasScript, 'util-linux script') }, () => {
  const onTty = (env: Record<string, string | undefined>, args: string[]): string => {
    // -q: script(1) merges stderr into the terminal; only the report is under test here.
    const cmd = [process.execPath, CLI, 'analyze', '-q', SAMPLE, ...args].map((a) => JSON.stringify(a)).join(' ');
    return execFileSync('script', ['-qec', cmd, '/dev/null'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  };
  const run = (env: Record<string, string | undefined>, ...args: string[]): string => {
    try {
      return onTty(env, args);
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? ''); // exit code 1: the incident was found
    }
  };

  test('colours the verdict on a terminal', () => {
    const out = run({});
    assert.match(out, ANSI);
    assert.match(out, /Verdict: culler-deleted-users/);
  });

  test('NO_COLOR and --no-color switch colour off on a terminal', () => {
    assert.doesNotMatch(run({ NO_COLOR: '1' }), ANSI);
    assert.doesNotMatch(run({}, '--no-color'), ANSI);
  });
});

describe('text report with hostile log text', () => {
  // The `not allowed` line is a Python repr: escapes like \x1b and \x07 become real control
  // characters once decoded, which could retitle or clear the reader's terminal.
  const NAME = 'eve\\x1b]0;pwned\\x07\\x1b[2J|x';
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hubsleuth-text-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('control characters from the log never reach the terminal', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.adminDelete('10:50:15.766', encodeURIComponent('eve\x1b]0;pwned\x07\x1b[2J|x'));
    log.notAllowed('11:30:00.400', NAME);
    log.hub('11:30:00.400', 'W', 'base:943', 'Failed login for unknown user');
    log.oauth403('11:30:00.401');
    writeFileSync(join(dir, 'hub.log'), log.text());
    const r = await runCli(['analyze', 'hub.log'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    // eslint-disable-next-line no-control-regex -- the test is that no control character gets through
    assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f]/);
    const rows = tableAfter(r.stdout, /^Incidents \(1\)$/);
    assert.equal(rows.length, 2);
    assert.equal(rows[1].length, 8, 'the | in the name did not add a column');
    // Shown as what they are, not as a replacement character that hides which ones they were.
    assert.equal(rows[1][0], 'eve\\x1b]0;pwned\\x07\\x1b[2J|x');
  });
});
