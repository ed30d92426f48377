// check-hub and check-db against a real JupyterHub (Debian's 3.0.0) on loopback, started by the
// shared e2e harness: before and after deleting users through the REST API, after a restart, and
// with a token holding only the minimal scope. check-db must leave jupyterhub.sqlite byte-identical.
import assert from 'node:assert/strict';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findJupyterHub, freePort, startHub, type Hub } from '../e2e/harness/hub.js';
import { runCheckCli, sha256 } from './helpers.js';
import { skipUnless } from '../helpers/skip.js';
import type { CheckResult } from '../../src/core/model/checks.js';

const install = findJupyterHub();
const skip = skipUnless(!('missing' in install), `JupyterHub (${'missing' in install ? install.missing : ''})`);

const MIN_TOKEN = 'hubsleuth-min-0123456789abcdef';
const READ_TOKEN = 'hubsleuth-read-0123456789abcdef';
const ALLOWED = ['alice', 'bob', 'carol', 'dave'];

describe('check-hub and check-db against a real JupyterHub', { skip }, () => {
  let hub: Hub;
  let values: string;
  let minTokenFile: string;
  let readTokenFile: string;

  const parse = (stdout: string) => JSON.parse(stdout) as Required<CheckResult>;
  const names = (j: Required<CheckResult>) => j.users.map((u) => u.name);
  const kinds = (j: CheckResult) => j.findings.map((f) => [f.kind, f.users]);
  const checkHub = (tokenFile: string, extra: string[] = []) =>
    runCheckCli(['check-hub', '--url', hub.apiUrl, '--token-file', tokenFile, '--allowed-from', values, '--format', 'json', ...extra]);

  before(async () => {
    hub = await startHub({
      allowedUsers: ALLOWED,
      adminUsers: ['admin'],
      culler: false, // deletions are made by the test, deterministically
      // Two service tokens: only `list:users` (the documented minimum) and `list:users` + `read:users`.
      // A page limit of 2 makes the hub paginate for real, so the client must follow `_pagination.next`.
      extraConfig: [
        `c.JupyterHub.services.append({'name': 'hubsleuth-min', 'api_token': '${MIN_TOKEN}'})`,
        `c.JupyterHub.services.append({'name': 'hubsleuth-read', 'api_token': '${READ_TOKEN}'})`,
        "c.JupyterHub.load_roles.append({'name': 'hubsleuth-min', 'scopes': ['list:users'], 'services': ['hubsleuth-min']})",
        "c.JupyterHub.load_roles.append({'name': 'hubsleuth-read', 'scopes': ['list:users', 'read:users'], 'services': ['hubsleuth-read']})",
        'c.JupyterHub.api_page_default_limit = 2',
        'c.JupyterHub.api_page_max_limit = 2',
      ].join('\n'),
    });
    values = join(hub.dir, 'config.yaml');
    writeFileSync(values, `hub:\n  config:\n    Authenticator:\n      admin_users: [admin]\n      allowed_users: [${ALLOWED.join(', ')}]\ncull:\n  users: true\n`);
    minTokenFile = join(hub.dir, 'min.token');
    readTokenFile = join(hub.dir, 'read.token');
    writeFileSync(minTokenFile, MIN_TOKEN + '\n');
    writeFileSync(readTokenFile, READ_TOKEN);
  });
  after(async () => {
    await hub?.stop();
    // Not removeDirOnStop: a test stops the hub mid-way and restarts it on the same dir.
    if (hub) rmSync(hub.dir, { recursive: true, force: true });
  });

  test('before any deletion: exit 0, all users over 3 pages, minimal scope gives names and admin', async () => {
    const r = await checkHub(minTokenFile);
    assert.equal(r.code, 0, r.stderr);
    const j = parse(r.stdout);
    assert.deepEqual(names(j), ['admin', 'alice', 'bob', 'carol', 'dave']);
    assert.deepEqual(j.findings, []);
    assert.deepEqual(j.users[0], { name: 'admin', admin: true, created: null, lastActivity: null, status: 'admin' });
  });

  test('read:users adds created', async () => {
    const j = parse((await checkHub(readTokenFile)).stdout);
    for (const u of j.users) assert.match(u.created ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('after deleting alice and bob through the API: exit 1 naming them', async () => {
    for (const name of ['alice', 'bob']) {
      const res = await fetch(`${hub.hubApiUrl}/users/${name}`, { method: 'DELETE', headers: { Authorization: `token ${hub.adminToken}` } });
      assert.equal(res.status, 204);
    }
    const r = await checkHub(minTokenFile);
    assert.equal(r.code, 1, r.stderr);
    const j = parse(r.stdout);
    assert.deepEqual(names(j), ['admin', 'carol', 'dave']);
    assert.deepEqual(kinds(j), [['allowed-user-missing', ['alice', 'bob']]]);
    const text = await runCheckCli(['check-hub', '--url', hub.apiUrl, '--allowed-from', values], { JUPYTERHUB_API_TOKEN: MIN_TOKEN });
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^ERROR allowed-user-missing\n {2}2 allowed users missing from the hub: alice, bob\. /m);
  });

  test('check-db on the stopped hub\'s sqlite: same finding, file byte-identical', async () => {
    await hub.stop(); // so nothing but check-db could touch the file
    const files = readdirSync(hub.dir).sort();
    const before = sha256(hub.dbPath);
    const r = await runCheckCli(['check-db', hub.dbPath, '--allowed-from', values, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const j = parse(r.stdout);
    assert.deepEqual(names(j), ['admin', 'carol', 'dave']);
    assert.deepEqual(kinds(j), [['allowed-user-missing', ['alice', 'bob']]]);
    for (const u of j.users) assert.match(u.created ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const text = await runCheckCli(['check-db', hub.dbPath]);
    assert.equal(text.code, 0, 'without an allow list it only lists users');
    assert.equal(sha256(hub.dbPath), before, 'jupyterhub.sqlite changed');
    assert.deepEqual(readdirSync(hub.dir).sort(), files, 'no journal or other file appeared');
  });

  test('after a restart the hub re-creates allowed users: exit 0 again', async () => {
    await hub.restart();
    const r = await checkHub(minTokenFile);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(parse(r.stdout)), ['admin', 'alice', 'bob', 'carol', 'dave']);
  });

  test('usage errors: refused token, no token, unreachable hub → exit 2, one line', async () => {
    const bad = join(hub.dir, 'bad.token');
    writeFileSync(bad, 'not-a-token');
    let r = await checkHub(bad);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hubsleuth check-hub: http:\/\/127\.0\.0\.1:\d+\/hub\/api\/users: HTTP 403: the token was refused or lacks the scope list:users/);
    r = await runCheckCli(['check-hub', '--url', hub.apiUrl, '--allowed', 'alice'], { JUPYTERHUB_API_TOKEN: '' });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'hubsleuth check-hub: no API token (pass --token-file FILE or set JUPYTERHUB_API_TOKEN)\n');
    const closed = await freePort(); // nothing listens there
    r = await runCheckCli(['check-hub', '--url', `http://127.0.0.1:${closed}/hub/api`, '--token-file', minTokenFile, '--allowed', 'alice']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `hubsleuth check-hub: cannot reach http://127.0.0.1:${closed}/hub/api/users: ECONNREFUSED\n`);
  });
});
