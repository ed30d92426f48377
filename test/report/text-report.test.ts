// The default output of `hubsleuth analyze`: text a responder reads during the incident, fitted to
// the terminal. Colour only on a terminal, never with NO_COLOR, never in a pipe; log text cannot drive it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, runCli, sample } from '../helpers/cli.js';
import { HubLog } from '../correlate/hublog.js';
import type { Report } from '../../src/core/model/report.js';
import { skipUnless } from '../helpers/skip.js';
import { tableAfter } from '../helpers/text-table.js';
import stringWidth from 'string-width';

const expected = JSON.parse(readFileSync(sample('incident-two-days.expected.json'), 'utf8')) as Report;
const SAMPLE = 'samples/incident-two-days.log';
const shown = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '-');
// How long the culler saw each user inactive, as the log's timedeltas (1:00:01.147961) read.
const INACTIVE = ['1 h 0 min', '1 h 3 min', null, '1 h 7 min', '1 h 3 min', '1 h 6 min', '1 h 2 min', '1 h 7 min', '1 h 0 min', '1 h 5 min', '1 h 1 min', '1 h 1 min', '1 h 1 min', '1 h 6 min', '1 h 6 min'];
// Colour is an SGR sequence (ESC [ … m); a progress line on stderr may use others.
// eslint-disable-next-line no-control-regex -- colour codes begin with ESC
const ANSI = /\x1b\[[0-9;]*m/;

const WIDE_HEAD = ['#', 'user', 'deleted at', 'by', 'actor', 'inactive for', 'denials', 'first denied', 'last denied', 'restored', 'restored by'];

describe('text report on the incident sample', () => {
  let text = '';
  before(async () => {
    // NO_COLOR unset: colour would still be wrong, because standard output is a pipe here.
    const r = await runCli(['analyze', '--wide', SAMPLE], { env: { NO_COLOR: undefined } });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    text = r.stdout;
  });

  test('verdict first, with the summary a person can paste', () => {
    const [title, , verdict, summary] = text.split('\n');
    assert.match(title, /^hubsleuth \S+ — 2203 lines from 1 input$/);
    assert.match(verdict, /^Verdict: culler-deleted-users \(confidence high\) — The idle culler deleted users, and their logins are refused$/);
    assert.match(summary, /^The idle culler deleted 7 users .* the pattern came back after it\.$/);
  });

  test('--wide: every incident on one line, numbered from 1 in time order, every column', () => {
    const rows = tableAfter(text, /^Incidents \(15\)$/);
    assert.deepEqual(rows[0], WIDE_HEAD);
    assert.deepEqual(rows.slice(1), expected.incidents.map((i, k) => [
      String(k + 1), i.user, shown(i.deletedAt), i.deletedBy, i.actor ?? '-', INACTIVE[k] ?? '-', String(i.denials),
      shown(i.firstDeniedAt), shown(i.lastDeniedAt), i.restoredAt ? shown(i.restoredAt) : 'not yet', i.restoredBy ?? '-',
    ]));
    const deleted = expected.incidents.map((i) => i.deletedAt);
    assert.deepEqual(deleted, [...deleted].sort());
  });

  test('causes, findings, culler settings, hub starts and what to do', () => {
    assert.match(text, /^Refused requests \(19\): deleted-by-culler 15, not-allowed 2, deleted-by-admin 1, xsrf 1$/m);
    assert.match(text, /^\[error\] The deletions came back after a hub restart \(pattern-recurred\): /m);
    assert.match(text, /^\[warning\] Home volumes were deleted with their users \(home-volumes-deleted\): /m);
    assert.match(text, /^Culler: culler seen yes; culls users \(--cull-users\) YES; timeout 1 h 0 min \(3600 s\); every 10 min 0 s \(600 s\)$/m);
    assert.match(text, /^Hub starts: 2025-05-13 07:58:13 \(4\.1\.5\), 2025-05-14 10:31:52 \(4\.1\.5\)$/m);
    assert.match(text, /^ {2}1\. Set `cull\.users: false`/m);
  });

  test('no ANSI escape in a pipe, with or without NO_COLOR', async () => {
    assert.doesNotMatch(text, ANSI);
    const r = await runCli(['analyze', '--wide', SAMPLE], { env: { NO_COLOR: '1' } });
    assert.doesNotMatch(r.stdout, ANSI);
    assert.equal(r.stdout, text);
  });
});

// Every log among the samples, as a user would try them.
const SAMPLE_LOGS = readdirSync(sample('.')).filter((f) => !f.endsWith('.md') && !f.endsWith('.expected.json')).map((f) => `samples/${f}`)
  .concat(readdirSync(sample('real')).filter((f) => f.endsWith('.log')).map((f) => `samples/real/${f}`));

describe('text report fits the terminal', () => {
  const at = async (columns: string | undefined, file = SAMPLE, ...args: string[]): Promise<string[]> => {
    const r = await runCli(['analyze', '--exit-zero', file, ...args], { env: { COLUMNS: columns } });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.split('\n');
  };

  test('the samples take the sample list they should', () => {
    assert.ok(SAMPLE_LOGS.length >= 12, SAMPLE_LOGS.join(' '));
  });

  for (const file of SAMPLE_LOGS) {
    test(`${file}: no line wider than 80 terminal columns at COLUMNS=80, or in a pipe without COLUMNS`, async () => {
      for (const columns of ['80', undefined]) {
        const over = (await at(columns, file)).filter((l) => stringWidth(l) > 80);
        assert.deepEqual(over, [], `COLUMNS=${columns}`);
      }
    });
  }

  test('the first 24 lines hold the verdict, the whole summary and the first step of what to do', async () => {
    // The same words on one line each (--wide) are what the first screen must hold, wrapped.
    const wide = await at(undefined, SAMPLE, '--wide');
    const summary = wide[3];
    const step = wide.find((l) => l.startsWith('  1. '));
    assert.ok(summary.startsWith('The idle culler deleted 7 users') && step !== undefined);
    const screen = (await at('80')).slice(0, 24).join('\n');
    const flat = screen.replace(/\n */g, ' ');
    assert.match(screen, /^Verdict: culler-deleted-users \(confidence high\)/m);
    assert.ok(flat.includes(summary), 'the summary');
    assert.ok(flat.includes(step.trim()), 'the first step');
  });

  test('at 80 columns the incident table drops its least needed columns and says which', async () => {
    const lines = await at('80');
    const rows = tableAfter(lines.join('\n'), /^Incidents \(15\)$/);
    assert.deepEqual(rows[0], ['#', 'user', 'deleted at', 'by', 'denials', 'restored']);
    assert.deepEqual(rows[2], ['2', 'dana@example.org', '2025-05-13 10:48:16', 'culler', '2', '2025-05-14 10:31:52']);
    assert.equal(rows.length, 16, 'one line per incident, no rule between rows');
    assert.ok(lines.join(' ').replace(/ +/g, ' ').includes('(actor, inactive for, first denied, last denied, restored by: not shown at 80 columns; --wide shows them)'));
    const refused = tableAfter(lines.join('\n'), /^Refused requests \(19\)/);
    assert.deepEqual(refused[0], ['at', 'user', 'request', 'cause']);
    assert.deepEqual(refused[1], ['2025-05-13 13:02:52', 'frank', '403 GET…oauth_callback', 'deleted-by-culler']);
  });

  test('paragraphs break between words, at 80 and at 200 columns', async () => {
    const words = new Set((await at(undefined, SAMPLE, '--wide'))[3].split(' '));
    for (const columns of ['80', '200']) {
      const lines = await at(columns);
      const from = lines.findIndex((l) => l.startsWith('The idle culler deleted'));
      const summary = lines.slice(from, lines.findIndex((l, k) => k > from && l.startsWith('Evidence: ')));
      assert.ok(summary.length >= 2, `the summary wraps at COLUMNS=${columns}`);
      for (const l of summary) for (const w of l.split(' ')) if (/^[a-z]+$/.test(w)) assert.ok(words.has(w) || words.has(`${w},`) || words.has(`${w}.`), `"${w}" at COLUMNS=${columns}`);
      assert.ok(lines.every((l) => stringWidth(l) <= Number(columns)), `COLUMNS=${columns}`);
    }
  });

  test('a wide character counts two columns: a CJK user name keeps the table in 80', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.adminDelete('10:50:15.766', encodeURIComponent('山田太郎の研究室アカウント'));
    log.notAllowed('11:30:00.400', '山田太郎の研究室アカウント');
    log.hub('11:30:00.400', 'W', 'base:943', 'Failed login for unknown user');
    log.oauth403('11:30:00.401');
    const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-text-'));
    try {
      writeFileSync(join(dir, 'hub.log'), log.text());
      const lines = await at('80', join(dir, 'hub.log'));
      assert.ok(lines.some((l) => l.includes('山田')), 'the name is shown');
      assert.deepEqual(lines.filter((l) => stringWidth(l) > 80), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    const r = await runCli(['analyze', '--wide', 'hub.log'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    // eslint-disable-next-line no-control-regex -- the test is that no control character gets through
    assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f]/);
    const rows = tableAfter(r.stdout, /^Incidents \(1\)$/);
    assert.equal(rows.length, 2);
    // Shown as what they are, not as a replacement character that hides which ones they were.
    assert.equal(rows[1][1], 'eve\\x1b]0;pwned\\x07\\x1b[2J|x');
  });
});
