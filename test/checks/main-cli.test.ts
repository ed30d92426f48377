// The check commands through the real entry point (dist/src/cli/main.js), as users run them:
// proves the register() wiring, exit codes and messages end to end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixture, runCheckCli } from './helpers.js';

const hubsleuth = (args: string[]) => runCheckCli(args);

describe('hubsleuth check-* via main.js', () => {
  test('check-config: error → 1, clean → 0, missing file → 2 with one line', async () => {
    const risky = await hubsleuth(['check-config', fixture('current-risky.yaml')]);
    assert.equal(risky.code, 1, risky.stderr);
    assert.match(risky.stdout, /^ERROR cull-users-with-allow-list$/m);
    assert.equal((await hubsleuth(['check-config', fixture('current-safe.yaml')])).code, 0);
    const missing = await hubsleuth(['check-config', fixture('nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'hubsleuth check-config: test/checks/fixtures/nope.yaml: cannot read values file: no such file\n');
  });
  test('commander usage errors exit 2', async () => {
    assert.equal((await hubsleuth(['check-config'])).code, 2);
    assert.equal((await hubsleuth(['check-hub', '--allowed', 'alice'])).code, 2);
    assert.equal((await hubsleuth(['check-db'])).code, 2);
  });
  test('each command documents examples, exit codes (and check-hub its token scopes)', async () => {
    for (const cmd of ['check-config', 'check-db', 'check-hub']) {
      const r = await hubsleuth([cmd, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Examples:\\n {2}\\$ (kubectl|hubsleuth ${cmd})`));
      assert.match(r.stdout, /Exit codes:/);
    }
    assert.match((await hubsleuth(['check-hub', '--help'])).stdout, /Minimal scopes \(JupyterHub >= 3\): list:users/);
  });
});
