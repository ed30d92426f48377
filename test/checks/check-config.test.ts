// check-config over a matrix of real-shaped values files: exact findings and line numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConfig } from '../../src/checks/config-rules.js';
import { loadValues } from '../../src/checks/values.js';
import { fixture, ROOT, runCheckCli } from './helpers.js';
import type { CheckResult } from '../../src/core/model/checks.js';

process.chdir(ROOT); // fixtures are named relative to the repo root, as a user would type them

/** [kind, severity, ['file:line', …]] per finding, in report order. */
function shape(files: string[]) {
  return checkConfig(loadValues(files.map(fixture))).map((f) => [
    f.kind,
    f.severity,
    f.evidence.map((e) => `${e.source.replace('test/checks/fixtures/', '')}:${e.line}`),
  ]);
}

describe('check-config rules (current hub.config form)', () => {
  test('#3666 shape: cull.users with allowed_users, allow_all false, hosted_domain → error + admin warning', () => {
    assert.deepEqual(shape(['current-risky.yaml']), [
      ['cull-users-with-allow-list', 'error', ['current-risky.yaml:24', 'current-risky.yaml:23', 'current-risky.yaml:10', 'current-risky.yaml:12', 'current-risky.yaml:13', 'current-risky.yaml:14']],
      ['cull-admin-users', 'warning', ['current-risky.yaml:24']],
    ]);
    const [err] = checkConfig(loadValues([fixture('current-risky.yaml')]));
    assert.deepEqual(err?.users, ['alice@example.org', 'bob@example.org']);
    assert.equal(err?.evidence[0]?.text, 'users: true');
    assert.match(err?.fix ?? '', /^Set `cull\.users: false`/);
  });
  test('the same hub after the fix has no findings', () => {
    assert.deepEqual(shape(['current-safe.yaml']), []);
  });
  test('GitHub allowed_organizations with cull.users, admins exempt, maxAge → error + maxAge warning', () => {
    assert.deepEqual(shape(['current-github-orgs.yaml']), [
      ['cull-users-with-allow-list', 'error', ['current-github-orgs.yaml:14', 'current-github-orgs.yaml:9']],
      ['cull-max-age', 'warning', ['current-github-orgs.yaml:16', 'current-github-orgs.yaml:14']],
    ]);
  });
  test('allow_all: true skips the allow list, so only the admin warning remains', () => {
    assert.deepEqual(shape(['allow-all.yaml']), [['cull-admin-users', 'warning', ['allow-all.yaml:9']]]);
  });
  test('cull.enabled: false disables every culler rule', () => {
    assert.deepEqual(shape(['cull-disabled.yaml']), []);
  });
  test('timeout shorter than every', () => {
    assert.deepEqual(shape(['timeout-every.yaml']), [
      ['cull-timeout-shorter-than-every', 'warning', ['timeout-every.yaml:2', 'timeout-every.yaml:3']],
    ]);
  });
});

describe('check-config rules (old auth: form, chart <= 0.10)', () => {
  test('auth.whitelist.users + hostedDomain with cull.users, sqlite-memory → two errors + admin warning', () => {
    assert.deepEqual(shape(['old-auth-risky.yaml']), [
      ['cull-users-with-allow-list', 'error', ['old-auth-risky.yaml:23', 'old-auth-risky.yaml:10', 'old-auth-risky.yaml:12']],
      ['cull-admin-users', 'warning', ['old-auth-risky.yaml:23']],
      ['hub-db-sqlite-memory', 'error', ['old-auth-risky.yaml:21']],
    ]);
    const [err] = checkConfig(loadValues([fixture('old-auth-risky.yaml')]));
    assert.deepEqual(err?.users, ['alice', 'bob'], 'names are lower-cased like JupyterHub normalises them');
  });
  test('auth.allowedUsers with the culler at chart defaults → no findings', () => {
    assert.deepEqual(shape(['old-auth-safe.yaml']), []);
  });
});

describe('check-config merges files like helm -f', () => {
  test('a later file turning cull.users on is the evidence', () => {
    assert.deepEqual(shape(['base.yaml', 'override-risky.yaml']), [
      ['cull-users-with-allow-list', 'error', ['override-risky.yaml:4', 'base.yaml:6']],
      ['cull-admin-users', 'warning', ['override-risky.yaml:4']],
    ]);
  });
  test('a later file turning it off again wins', () => {
    assert.deepEqual(shape(['base.yaml', 'override-risky.yaml', 'override-fix.yaml']), []);
  });
  test('null in a later file deletes the key (no allow list left → no error)', () => {
    assert.deepEqual(shape(['base.yaml', 'override-risky.yaml', 'override-null.yaml']), [
      ['cull-admin-users', 'warning', ['override-risky.yaml:4']],
    ]);
  });
  test('timeout from one file and every from another', () => {
    assert.deepEqual(shape(['base.yaml', 'override-risky.yaml', 'override-fix.yaml', 'timeout-every.yaml']), [
      ['cull-timeout-shorter-than-every', 'warning', ['timeout-every.yaml:2', 'timeout-every.yaml:3']],
    ]);
  });
});

describe('check-config CLI (exit codes, messages)', () => {
  test('error finding → exit 1, text names file and line', async () => {
    const r = await runCheckCli(['check-config', fixture('current-risky.yaml')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^hubsleuth check-config: 1 error, 1 warning \(test\/checks\/fixtures\/current-risky\.yaml\)$/m);
    assert.match(r.stdout, /^ERROR cull-users-with-allow-list$/m);
    assert.match(r.stdout, /^ {2}at test\/checks\/fixtures\/current-risky\.yaml:24: users: true$/m);
    assert.equal(r.stderr, '');
  });
  test('clean values → exit 0', async () => {
    const r = await runCheckCli(['check-config', fixture('current-safe.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'hubsleuth check-config: no findings (test/checks/fixtures/current-safe.yaml)\n');
  });
  test('warnings only → exit 0; --exit-zero forces 0 on errors', async () => {
    assert.equal((await runCheckCli(['check-config', fixture('timeout-every.yaml')])).code, 0);
    assert.equal((await runCheckCli(['check-config', '--exit-zero', fixture('old-auth-risky.yaml')])).code, 0);
  });
  test('json format is the check/v1 object', async () => {
    const r = await runCheckCli(['check-config', '--format', 'json', fixture('old-auth-risky.yaml')]);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout) as CheckResult;
    assert.equal(j.schema, 'hubsleuth.check/v1');
    assert.equal(j.command, 'check-config');
    assert.deepEqual(j.findings.map((f) => f.kind), ['cull-users-with-allow-list', 'cull-admin-users', 'hub-db-sqlite-memory']);
    assert.deepEqual(j.findings[2].evidence, [{ source: 'test/checks/fixtures/old-auth-risky.yaml', line: 21, text: 'type: sqlite-memory' }]);
  });
  test('markdown format', async () => {
    const r = await runCheckCli(['check-config', '--format', 'markdown', fixture('current-risky.yaml')]);
    assert.match(r.stdout, /^## hubsleuth check-config: 1 error, 1 warning$/m);
    assert.match(r.stdout, /^- `test\/checks\/fixtures\/current-risky\.yaml:24`: `users: true`$/m);
  });
  test('missing file → exit 2, one line naming the file', async () => {
    const r = await runCheckCli(['check-config', fixture('nope.yaml')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'hubsleuth check-config: test/checks/fixtures/nope.yaml: cannot read values file: no such file\n');
  });
  test('invalid YAML → exit 2, one line naming the file and position', async () => {
    const r = await runCheckCli(['check-config', fixture('invalid.yaml')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.match(r.stderr, /^hubsleuth check-config: test\/checks\/fixtures\/invalid\.yaml: invalid YAML \(line \d+, column \d+\): /);
  });
  test('a list instead of a mapping → exit 2', async () => {
    const r = await runCheckCli(['check-config', fixture('not-a-map.yaml')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'hubsleuth check-config: test/checks/fixtures/not-a-map.yaml: not chart values: the top level must be a mapping, found a list\n');
  });
  test('no file and a bad --format are usage errors (exit 2, not commander’s 1)', async () => {
    assert.equal((await runCheckCli(['check-config'])).code, 2);
    const r = await runCheckCli(['check-config', '--format', 'html', fixture('current-safe.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format <format>' argument 'html' is invalid/);
  });
  test('--help shows examples and exit codes, exit 0', async () => {
    const r = await runCheckCli(['check-config', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Examples:\n {2}\$ hubsleuth check-config config\.yaml/);
    assert.match(r.stdout, /Exit codes:\n {2}0 {2}no error finding/);
  });
});
