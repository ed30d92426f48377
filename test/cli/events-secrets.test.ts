// Secrets that JupyterHub itself does not scrub (tornado `web:` lines print the raw OAuth callback
// URI, the culler's ioloop errors print its api_token, a pasted request shows an Authorization
// header) must not leave hubsleuth: not in `events`, not in any `analyze` format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

const FIXTURE = relative(ROOT, join(ROOT, 'test/parsers/fixtures/secrets.log'));

// The raw values written into the fixture.
const SECRETS = {
  oauthState: 'eyJzdGF0ZV9pZCI6ICI5ZTVmMWE3YzQyIiwgIm5leHRfdXJsIjogIi9odWIvIn0',
  otherState: 'eyJzdGF0ZV9pZCI6ICJmZmZmIn0',
  oauthCode: '4/0AeanS0ZqKx7Tq3cVb1mRw',
  apiToken: '8a1f0c3e5b7d49e2a6c4f1b3d5e7a9c0',
  authorization: 'c0ffee1234567890deadbeefcafef00d',
};

function assertNoSecret(where: string, out: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    assert.ok(!out.includes(value), `${where} leaks ${name}`);
    // Also the URL-encoded and JSON-escaped forms (a report may encode what it prints).
    assert.ok(!out.includes(encodeURIComponent(value)), `${where} leaks ${name} (URL-encoded)`);
    assert.ok(!out.includes(value.replace(/\//g, '\\/')), `${where} leaks ${name} (escaped)`);
  }
}

test('events: raw OAuth code/state, the culler api_token and Authorization headers become [secret]', async () => {
  const r = await runCli(['events', FIXTURE]);
  assert.equal(r.code, 0, r.stderr);
  assertNoSecret('events', r.stdout);
  const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { line: number; kind: string; text: string });
  const at = (line: number) => recs.find((e) => e.line === line)!;
  // The records are still there and still parsed: only the values are gone.
  assert.equal(at(2).lines, 5);
  assert.match(at(2).text, /^Exception in callback functools\.partial\(.*api_token='\[secret\]', inactive_limit=3600/);
  assert.equal(at(10).text, "Request headers: {'Host': 'hub.example.org', 'Authorization': 'token [secret]'}");
  // A quoted line that is no log record is the reporter's text: a paste artefact, scrubbed as well.
  assert.deepEqual([at(11).kind, at(11).text], ['paste-artifact', 'Authorization: token [secret]']);
  const web = at(15);
  assert.equal(web.kind, 'http-error');
  assert.equal(web.text, '403 GET /hub/oauth_callback?state=[secret]&code=[secret]&scope=email+openid&authuser=[secret]&hd=example.com&prompt=none (10.0.2.15): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.');
  assert.equal(web.path, '/hub/oauth_callback');
  assert.equal(at(17).text, 'OAuth state mismatch: [secret] != [secret]');
  // JupyterHub 0.8 did not scrub its access line: the parsed fields must not carry the values either.
  const old = at(19);
  assert.deepEqual([old.kind, old.query, old.location, old.user], ['access', 'code=[secret]&state=[secret]', '/hub/', 'bob']);
});

// Two incidents whose evidence lines carry secrets: a 4.x hub (raw values only in `web:` and
// ioloop lines) and a 0.8 hub, whose access lines were not scrubbed yet (the 403 callback line
// is the denial's evidence, quoted in the markdown, JSON and HTML reports).
const INCIDENTS: Array<[string, string]> = [[FIXTURE, 'alice@example.com'], [relative(ROOT, join(ROOT, 'test/parsers/fixtures/secrets-0.8.log')), 'dave']];

for (const format of ['text', 'markdown', 'json', 'html']) {
  test(`analyze --format ${format}: both incidents are reported and no secret appears`, async () => {
    const r = await runCli(['analyze', '--format', format, ...INCIDENTS.map(([path]) => path)]);
    assert.equal(r.code, 1, r.stderr);
    assertNoSecret(`analyze --format ${format}`, r.stdout);
    assertNoSecret(`analyze --format ${format} (stderr)`, r.stderr);
    for (const [, user] of INCIDENTS) assert.ok(r.stdout.includes(user), `the report names the culled user ${user}`);
  });
}

test('events on the 0.8 log: no secret in any field of the unscrubbed access lines', async () => {
  const r = await runCli(['events', INCIDENTS[1][0]]);
  assert.equal(r.code, 0, r.stderr);
  assertNoSecret('events (0.8)', r.stdout);
  const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const login = recs.find((e) => e.line === 8)!;
  assert.equal(login.location, 'https://github.com/login/oauth/authorize?client_id=0a1b2c3d4e&state=[secret]&redirect_uri=https%3A%2F%2Fhub.example.org%2Fhub%2Foauth_callback');
  const cb = recs.find((e) => e.line === 10)!;
  assert.deepEqual([cb.kind, cb.status, cb.query], ['access', 403, 'code=[secret]&state=[secret]']);
});
