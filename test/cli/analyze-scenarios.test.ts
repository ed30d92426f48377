// `hubsleuth analyze --format json` on small composed logs, one incident story each, run the way
// users run it: a child process fed a file or standard input. Each test states the exact incidents,
// denials (with their causes), findings and verdict that the story implies.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { CULLER_ARGV, DAY, HubLog, iso } from '../correlate/hublog.js';
import type { Denial, Incident, ReportJson as Report } from '../../src/core/model/report.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'hubsleuth-scenarios-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  report: Report;
  stderr: string;
}

/** Pipes the log on stdin (`kubectl logs … | hubsleuth`): sources are then `-`. */
async function viaStdin(log: HubLog, ...args: string[]): Promise<Run> {
  const r = await runCli(['analyze', '--format', 'json', ...args], { input: log.text() });
  assert.equal(r.stderr, '', r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

/** Writes the log to `<name>` in a scratch folder and names it as the user would (relative path). */
async function viaFile(log: HubLog, name: string, ...args: string[]): Promise<Run> {
  const cwd = mkdtempSync(join(dir, 'run-'));
  writeFileSync(join(cwd, name), log.text());
  const r = await runCli(['analyze', '--format', 'json', name, ...args], { cwd });
  assert.equal(r.stderr, '', r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

type IncidentFacts = Omit<Incident, 'evidence' | 'restoredBy'>;
const incidentFacts = (r: Report): IncidentFacts[] =>
  r.incidents.map(({ user, deletedAt, deletedBy, actor, inactiveFor, denials, firstDeniedAt, lastDeniedAt, restoredAt }) =>
    ({ user, deletedAt, deletedBy, actor, inactiveFor, denials, firstDeniedAt, lastDeniedAt, restoredAt }));

type DenialFacts = Pick<Denial, 'at' | 'user' | 'status' | 'method' | 'path' | 'cause' | 'incident' | 'line'>;
const denialFacts = (r: Report): DenialFacts[] =>
  r.denials.map(({ at, user, status, method, path, cause, incident, line }) => ({ at, user, status, method, path, cause, incident, line }));

const culled = (user: string, deletedAt: string, more: Partial<IncidentFacts> = {}): IncidentFacts => ({
  user, deletedAt: iso(deletedAt), deletedBy: 'culler', actor: 'jupyterhub-idle-culler', inactiveFor: '1:13:59.512345',
  denials: 0, firstDeniedAt: null, lastDeniedAt: null, restoredAt: null, ...more,
});

const oauthDenial = (at: string, user: string | null, cause: Denial['cause'], incident: number | null, line: number): DenialFacts => ({
  at: iso(at), user, status: 403, method: 'GET', path: '/hub/oauth_callback', cause, incident, line,
});

// Every scenario spawns the CLI; run them side by side to keep the suite fast.
describe('analyze: incident stories', { concurrency: true }, () => {
  test('concurrent refused logins: each anonymous 403 goes to the refusal of its own request', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.cullUser('09:12:00.601', 'bob');
    log.cullUser('09:12:01.004', 'carol@example.com');
    // Three OAuth callbacks in flight: all three refusals are logged before the first 403 line.
    log.notAllowed('13:40:02.101', 'carol@example.com');
    log.notAllowed('13:40:02.102', 'bob');
    log.notAllowed('13:40:02.104', 'mallory');
    const a1 = log.oauth403('13:40:02.105', '10.0.3.21', 310.2);
    const a2 = log.oauth403('13:40:02.107', '10.0.2.15', 298.71);
    const a3 = log.oauth403('13:40:02.109', '10.0.4.7', 305.0);
    // Interleaved: a refusal, another refusal, the first 403, then the second.
    log.notAllowed('13:45:10.200', 'bob');
    log.notAllowed('13:45:10.230', 'carol@example.com');
    const b1 = log.oauth403('13:45:10.231', '10.0.2.15', 350.5);
    const b2 = log.oauth403('13:45:10.233', '10.0.3.21', 280.05);
    // A form-login request that began after the slow OAuth callback's refusal was logged cannot
    // carry that refusal: the 403 on the short request belongs to the refusal inside its window.
    log.notAllowed('13:50:00.100', 'bob');
    log.notAllowed('13:50:00.180', 'mallory');
    const c1 = log.oauth403('13:50:00.184', '10.0.4.7', 6.12);
    const c2 = log.oauth403('13:50:00.190', '10.0.2.15', 402.3);
    const { code, report } = await viaStdin(log);
    assert.deepEqual(denialFacts(report), [
      oauthDenial('13:40:02.105', 'carol@example.com', 'deleted-by-culler', 1, a1),
      oauthDenial('13:40:02.107', 'bob', 'deleted-by-culler', 0, a2),
      oauthDenial('13:40:02.109', 'mallory', 'not-allowed', null, a3),
      oauthDenial('13:45:10.231', 'bob', 'deleted-by-culler', 0, b1),
      oauthDenial('13:45:10.233', 'carol@example.com', 'deleted-by-culler', 1, b2),
      oauthDenial('13:50:00.184', 'mallory', 'not-allowed', null, c1),
      oauthDenial('13:50:00.190', 'bob', 'deleted-by-culler', 0, c2),
    ]);
    assert.deepEqual(incidentFacts(report), [
      culled('bob', '09:12:00.601', { denials: 3, firstDeniedAt: iso('13:40:02.107'), lastDeniedAt: iso('13:50:00.190') }),
      culled('carol@example.com', '09:12:01.004', { denials: 2, firstDeniedAt: iso('13:40:02.105'), lastDeniedAt: iso('13:45:10.233') }),
    ]);
    assert.equal(report.denials[0].source, '-', 'standard input is named `-`');
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
    assert.equal(report.verdict.confidence, 'high');
    assert.equal(code, 1);
  });

  test('a user deleted twice has two incidents; the first ends at the restart, before the login after it', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.loginOAuth('08:05:00.250', 'alice');
    log.cullUser('09:12:00.601', 'alice', { inactive: '1:06:59.000001' });
    const d1 = log.refusedOAuth('13:40:02.120', 'alice');
    const d2 = log.refusedOAuth('13:41:10.500', 'alice');
    const restart = log.start('14:00:00.000');
    log.loginOAuth('14:05:00.000', 'alice');
    log.cullUser('15:10:00.601', 'alice', { inactive: '1:05:00.000002' });
    const d3 = log.refusedOAuth('17:00:00.400', 'alice');
    const { code, report } = await viaFile(log, 'hub.log');
    assert.deepEqual(incidentFacts(report), [
      culled('alice', '09:12:00.601', { inactiveFor: '1:06:59.000001', denials: 2, firstDeniedAt: iso('13:40:02.120'), lastDeniedAt: iso('13:41:10.500'), restoredAt: iso('14:00:00.000') }),
      culled('alice', '15:10:00.601', { inactiveFor: '1:05:00.000002', denials: 1, firstDeniedAt: iso('17:00:00.400'), lastDeniedAt: iso('17:00:00.400') }),
    ]);
    assert.deepEqual(denialFacts(report), [
      oauthDenial('13:40:02.120', 'alice', 'deleted-by-culler', 0, d1),
      oauthDenial('13:41:10.500', 'alice', 'deleted-by-culler', 0, d2),
      oauthDenial('17:00:00.400', 'alice', 'deleted-by-culler', 1, d3),
    ]);
    assert.deepEqual(report.hubStarts.map((s) => [s.at, s.version, s.source, s.line]), [
      [iso('08:00:00.000'), '4.1.5', 'hub.log', 2], [iso('14:00:00.000'), '4.1.5', 'hub.log', restart],
    ]);
    assert.deepEqual(report.findings.map((f) => f.kind), ['pattern-recurred', 'home-volumes-deleted']);
    assert.deepEqual(report.findings[0].users, ['alice']);
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
    assert.equal(code, 1);
  });

  test('an admin deletion: deletedBy admin, the refusals are deleted-by-admin', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.loginOAuth('08:30:00.000', 'erin');
    const del = log.adminDelete('10:50:15.766', 'erin', 'admin-alice');
    const d1 = log.refusedOAuth('11:30:00.500', 'erin');
    const { code, report } = await viaFile(log, 'hub.log');
    assert.deepEqual(incidentFacts(report), [{
      user: 'erin', deletedAt: iso('10:50:15.766'), deletedBy: 'admin', actor: 'admin-alice', inactiveFor: null,
      denials: 1, firstDeniedAt: iso('11:30:00.500'), lastDeniedAt: iso('11:30:00.500'), restoredAt: null,
    }]);
    assert.deepEqual(report.incidents[0].evidence[0], { source: 'hub.log', line: del, text: log.lines[del - 1] });
    assert.deepEqual(denialFacts(report), [oauthDenial('11:30:00.500', 'erin', 'deleted-by-admin', 0, d1)]);
    assert.deepEqual(report.findings, []);
    assert.equal(report.verdict.rootCause, 'admin-deleted-users');
    assert.equal(report.verdict.confidence, 'high');
    assert.equal(code, 1);
  });

  test("the culler's own 403 is a permission refusal and a culler-refused finding, not an incident", async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    const l1 = log.cullerCycle('08:00:01.252', 403);
    const l2 = log.cullerCycle('08:10:01.260', 403);
    const { code, report } = await viaStdin(log);
    const cullerDenial = (at: string, line: number): DenialFacts => ({
      at: iso(at), user: 'jupyterhub-idle-culler', status: 403, method: 'GET', path: '/hub/api/users', cause: 'permission', incident: null, line,
    });
    assert.deepEqual(denialFacts(report), [cullerDenial('08:00:01.252', l1), cullerDenial('08:10:01.260', l2)]);
    assert.deepEqual(report.incidents, []);
    assert.deepEqual(report.findings.map((f) => [f.kind, f.severity, f.at]), [['culler-refused', 'error', iso('08:00:01.252')]]);
    assert.deepEqual(report.findings[0].evidence.map((e) => e.line), [l1, l2]);
    assert.notEqual(report.verdict.rootCause, 'culler-deleted-users');
    assert.match(report.verdict.summary, /culler/);
    assert.equal(code, 0);
  });

  test('a 403 on /user/<name>/… is attributed from (user@ip) and is a permission refusal', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.loginOAuth('09:00:00.000', 'alice');
    const l = log.access('09:01:00.000', 403, 'GET', '/hub/user/bob/lab', 'alice', '10.0.2.15', 6.02);
    const { code, report } = await viaStdin(log);
    assert.deepEqual(denialFacts(report), [{ at: iso('09:01:00.000'), user: 'alice', status: 403, method: 'GET', path: '/hub/user/bob/lab', cause: 'permission', incident: null, line: l }]);
    assert.deepEqual(report.incidents, []);
    assert.equal(code, 0);
  });

  test('a log cut in the middle of an incident: deleted, refused, never restored', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.cullUser('10:48:16.752', 'dana@example.org', { inactive: '1:03:00.023043' });
    const d1 = log.refusedOAuth('15:30:02.306', 'dana@example.org');
    const d2 = log.refusedOAuth('15:31:40.002', 'dana@example.org');
    const { code, report } = await viaStdin(log);
    assert.deepEqual(incidentFacts(report), [culled('dana@example.org', '10:48:16.752', {
      inactiveFor: '1:03:00.023043', denials: 2, firstDeniedAt: iso('15:30:02.306'), lastDeniedAt: iso('15:31:40.002'), restoredAt: null,
    })]);
    assert.deepEqual(denialFacts(report), [
      oauthDenial('15:30:02.306', 'dana@example.org', 'deleted-by-culler', 0, d1),
      oauthDenial('15:31:40.002', 'dana@example.org', 'deleted-by-culler', 0, d2),
    ]);
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
    assert.equal(report.verdict.confidence, 'high');
    assert.equal(code, 1);
  });

  test('no hub start in the log: user culling and the cadence are inferred, and marked so', async () => {
    const log = new HubLog();
    // `kubectl logs --since=2h`: the start (and the culler argv) scrolled out long ago.
    log.cullerCycle('09:02:15.264');
    log.cullerCycle('09:12:15.291');
    log.cullUser('09:12:16.011', 'bob');
    log.cullerCycle('09:22:15.270');
    log.cullerCycle('09:32:15.305');
    const d1 = log.refusedOAuth('10:05:00.120', 'bob');
    const { code, report } = await viaStdin(log);
    assert.deepEqual(report.hubStarts, []);
    assert.deepEqual(incidentFacts(report), [culled('bob', '09:12:16.011', { denials: 1, firstDeniedAt: iso('10:05:00.120'), lastDeniedAt: iso('10:05:00.120') })]);
    assert.deepEqual(denialFacts(report), [oauthDenial('10:05:00.120', 'bob', 'deleted-by-culler', 0, d1)]);
    const { seen, cullsUsers, timeoutSeconds, everySeconds, inferred } = report.culler;
    assert.deepEqual({ seen, cullsUsers, timeoutSeconds, everySeconds, inferred: [...(inferred ?? [])].sort() }, {
      seen: true, cullsUsers: true, timeoutSeconds: null, everySeconds: 600, inferred: ['cullsUsers', 'everySeconds'],
    });
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
    assert.equal(code, 1);
  });

  test("the culler's whole-second line may show an earlier second than the hub's DELETE: one incident", async () => {
    const log = new HubLog();
    log.start('22:00:00.000');
    const cullLine = log.lines.length + 1;
    const del = log.cullUser('22:42:15.002', 'bob', { cullerAt: '22:42:14', inactive: '0:00:16.208810' });
    const { code, report } = await viaStdin(log);
    assert.deepEqual(incidentFacts(report), [culled('bob', '22:42:15.002', { inactiveFor: '0:00:16.208810' })]);
    assert.deepEqual(report.incidents[0].evidence.map((e) => e.line), [cullLine, del]);
    assert.equal(code, 0);
  });

  test('a culler line without the hub DELETE opens the incident itself', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.cullUser('10:00:00.500', 'frank', { cullerAt: '10:00:00', pvc: false });
    log.lines.pop(); // the hub's DELETE line is missing from this export
    const d1 = log.refusedOAuth('12:00:00.100', 'frank');
    const { code, report } = await viaStdin(log);
    assert.deepEqual(incidentFacts(report), [culled('frank', '10:00:00.000', {
      actor: null, denials: 1, firstDeniedAt: iso('12:00:00.100'), lastDeniedAt: iso('12:00:00.100'),
    })]);
    assert.deepEqual(denialFacts(report), [oauthDenial('12:00:00.100', 'frank', 'deleted-by-culler', 0, d1)]);
    assert.equal(code, 1);
  });

  test('a refused login right after a culler line without the hub DELETE counts against that deletion', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.culler('10:00:00', 371, 'Culling user frank (inactive for 1:00:01.147961)');
    // The user is still in the tab and logs in again 20 s later, before the culler's next line.
    const d1 = log.refusedOAuth('10:00:20.100', 'frank');
    const { code, report } = await viaStdin(log);
    assert.deepEqual(incidentFacts(report), [culled('frank', '10:00:00.000', {
      actor: null, inactiveFor: '1:00:01.147961', denials: 1, firstDeniedAt: iso('10:00:20.100'), lastDeniedAt: iso('10:00:20.100'),
    })]);
    assert.deepEqual(denialFacts(report), [oauthDenial('10:00:20.100', 'frank', 'deleted-by-culler', 0, d1)]);
    assert.equal(code, 1);
  });

  test('a culler under a custom service name is recognised by its own `Culling user` lines', async () => {
    const log = new HubLog();
    // A hand-written deployment: the service is `hub-idle-culler`, and its argv scrolled out of the log.
    log.culler('09:12:00', 371, 'Culling user bob (inactive for 1:13:59.512345)');
    log.access('09:12:00.601', 204, 'DELETE', '/hub/api/users/bob', 'hub-idle-culler', '127.0.0.1', 85.12);
    const d1 = log.refusedOAuth('13:40:02.120', 'bob');
    const own = log.access('13:50:00.200', 403, 'GET', '/hub/api/users?state=[secret]', 'hub-idle-culler', '127.0.0.1', 1.65);
    const { report } = await viaStdin(log);
    assert.deepEqual(incidentFacts(report), [culled('bob', '09:12:00.601', {
      actor: 'hub-idle-culler', denials: 1, firstDeniedAt: iso('13:40:02.120'), lastDeniedAt: iso('13:40:02.120'),
    })]);
    assert.deepEqual(denialFacts(report), [
      oauthDenial('13:40:02.120', 'bob', 'deleted-by-culler', 0, d1),
      { at: iso('13:50:00.200'), user: 'hub-idle-culler', status: 403, method: 'GET', path: '/hub/api/users', cause: 'permission', incident: null, line: own },
    ]);
    assert.deepEqual(report.findings.map((f) => f.kind), ['culler-refused']);
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
  });

  test('a 403 before any deletion of that user is never a culler incident', async () => {
    const log = new HubLog();
    log.start('08:00:00.000', CULLER_ARGV.filter((a) => a !== '--cull-users'));
    const m = log.refusedOAuth('09:00:00.100', 'mallory');
    const b = log.refusedOAuth('09:30:00.200', 'bob');
    log.cullUser('10:00:00.601', 'bob', { actor: 'jupyterhub-idle-culler' });
    const { code, report } = await viaStdin(log);
    assert.deepEqual(denialFacts(report), [
      oauthDenial('09:00:00.100', 'mallory', 'not-allowed', null, m),
      oauthDenial('09:30:00.200', 'bob', 'not-allowed', null, b),
    ]);
    assert.deepEqual(incidentFacts(report), [culled('bob', '10:00:00.601')]);
    assert.equal(code, 0, 'no incident has a denial');
  });

  test('refused logins without any deletion: not-allowed, blocked and xsrf causes; no incident', async () => {
    const log = new HubLog();
    log.start('08:00:00.000', CULLER_ARGV.filter((a) => a !== '--cull-users'));
    const m = log.refusedOAuth('09:00:00.100', 'mallory');
    log.hub('09:10:00.050', 'W', 'auth:521', "User 'eve' blocked. Stop authentication");
    log.hub('09:10:00.050', 'W', 'base:943', 'Failed login for unknown user');
    const e = log.oauth403('09:10:00.051', '10.0.5.9', 288.1);
    log.hub('09:20:00.800', 'W', 'web:1873', "403 POST /hub/login?next=%2Fhub%2F (10.0.3.21): '_xsrf' argument missing from POST");
    const x = log.access('09:20:00.801', 403, 'POST', '/hub/login?next=%2Fhub%2F', '', '10.0.3.21', 1.12);
    const { code, report } = await viaFile(log, 'hub.log');
    assert.deepEqual(denialFacts(report), [
      oauthDenial('09:00:00.100', 'mallory', 'not-allowed', null, m),
      oauthDenial('09:10:00.051', 'eve', 'blocked', null, e),
      { at: iso('09:20:00.801'), user: null, status: 403, method: 'POST', path: '/hub/login', cause: 'xsrf', incident: null, line: x },
    ]);
    assert.deepEqual(report.incidents, []);
    assert.equal(report.culler.cullsUsers, false);
    assert.equal(report.verdict.rootCause, 'users-not-allowed');
    assert.equal(code, 0);
  });

  test('only xsrf refusals: verdict xsrf', async () => {
    const log = new HubLog();
    log.start('08:00:00.000', CULLER_ARGV.filter((a) => a !== '--cull-users'));
    log.hub('09:20:00.800', 'W', 'web:1873', "403 POST /hub/login?next=%2Fhub%2F (10.0.3.21): '_xsrf' argument missing from POST");
    log.access('09:20:00.801', 403, 'POST', '/hub/login?next=%2Fhub%2F', '', '10.0.3.21', 1.12);
    const { code, report } = await viaStdin(log);
    assert.deepEqual(report.denials.map((d) => [d.user, d.cause]), [[null, 'xsrf']]);
    assert.equal(report.verdict.rootCause, 'xsrf');
    assert.equal(code, 0);
  });

  test("a server's token refused by the hub: one refusal, with or without the hub's line; its 500 to the user is that refusal", async () => {
    const su = (time: string, level: string, module: string, msg: string) => `[${level} ${DAY} ${time} SingleUserLabApp ${module}] ${msg}`;
    const serverLines = [
      su('09:31:02.120', 'E', 'auth:351', "I don't have permission to check authorization with JupyterHub, my auth token may have expired: [403] Forbidden"),
      su('09:31:02.121', 'W', 'web:1782', '500 GET /user/gipqn/api/contents?1565163062087 (10.25.9.143): Permission failure checking authorization, I may need a new token'),
      su('09:31:02.122', 'E', 'log:174', '500 GET /user/gipqn/api/contents?1565163062087 (@10.25.9.143) 5.02ms'),
    ];
    const both = new HubLog();
    both.start('08:00:00.000', CULLER_ARGV);
    const hub = both.access('09:31:02.118', 403, 'GET', '/hub/api/authorizations/token/[secret]', '', '10.65.192.199', 2.41);
    for (const l of serverLines) both.raw(l);
    const joined = (await viaStdin(both)).report;
    assert.deepEqual(joined.denials.map((d) => [d.line, d.status, d.path, d.user, d.cause, d.component]),
      [[hub, 403, '/hub/api/authorizations/token/[secret]', null, 'token', 'hub']]);
    assert.equal(joined.verdict.rootCause, 'token');

    const alone = new HubLog();
    alone.start('08:00:00.000', CULLER_ARGV);
    for (const l of serverLines.slice(0, 2)) alone.raw(l);
    const end = alone.raw(serverLines[2]);
    const server = (await viaStdin(alone)).report;
    assert.deepEqual(server.denials.map((d) => [d.line, d.status, d.path, d.user, d.attributedBy, d.cause, d.component]),
      [[end, 500, '/user/gipqn/api/contents', 'gipqn', 'path', 'token', 'singleuser']]);
  });

  test('form logins (JupyterHub 3.0): a refusal answered 200 is a denial; a wrong password is one too, outside any incident', async () => {
    const log = new HubLog();
    log.raw('[I 2025-05-14 23:43:26.753 JupyterHub app:2775] Running JupyterHub version 3.0.0');
    log.hub('23:43:28.373', 'I', 'service:385', "Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--url=http://127.0.0.1:34323/hub/api', '--timeout=15', '--cull-every=5', '--concurrency=10', '--cull-users']");
    log.loginForm('23:43:28.991', 'alice');
    log.loginForm('23:43:29.236', 'bob');
    log.culler('23:43:45', 381, 'Culling user alice (inactive for 0:00:16.208810)');
    log.access('23:43:45.342', 204, 'DELETE', '/hub/api/users/alice', 'jupyterhub-idle-culler', '127.0.0.1', 63.48);
    log.hub('23:43:45.539', 'W', 'base:394', 'Invalid cookie token');
    const a = log.refusedForm('23:43:45.602', 'alice');
    const wb = log.wrongPassword('23:43:46.100', 'bob');
    const wa = log.wrongPassword('23:43:46.300', 'alice');
    const c = log.refusedForm('23:43:47.000', 'carol');
    const { code, report } = await viaStdin(log);
    const form = (at: string, user: string, cause: Denial['cause'], incident: number | null, line: number): DenialFacts =>
      ({ at: iso(at), user, status: 200, method: 'POST', path: '/hub/login', cause, incident, line });
    // The password is checked before the allow list: alice's wrong password is not her deletion's refusal.
    assert.deepEqual(denialFacts(report), [
      form('23:43:45.602', 'alice', 'deleted-by-culler', 0, a), form('23:43:46.100', 'bob', 'failed-password', null, wb),
      form('23:43:46.300', 'alice', 'failed-password', null, wa), form('23:43:47.000', 'carol', 'not-allowed', null, c),
    ]);
    assert.deepEqual(incidentFacts(report), [culled('alice', '23:43:45.342', {
      inactiveFor: '0:00:16.208810', denials: 1, firstDeniedAt: iso('23:43:45.602'), lastDeniedAt: iso('23:43:45.602'),
    })]);
    assert.deepEqual([report.culler.timeoutSeconds, report.culler.everySeconds, report.culler.cullsUsers], [15, 5, true]);
    assert.equal(code, 1);
  });

  test('a deleted user who never comes back is an incident without denials, and the run exits 0', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.cullUser('08:58:15.433', 'frank', { inactive: '1:00:01.147961' });
    const { code, report } = await viaStdin(log);
    assert.deepEqual(incidentFacts(report), [culled('frank', '08:58:15.433', { inactiveFor: '1:00:01.147961' })]);
    assert.deepEqual(report.denials, []);
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
    assert.match(report.verdict.summary, /frank/);
    assert.equal(code, 0);
  });

  test('PVC deletions with user deletions: home-volumes-deleted, and the remediation says so', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    const pvc = log.lines.length + 2;
    log.cullUser('09:12:00.601', 'bob');
    log.refusedOAuth('13:40:02.120', 'bob');
    const { report } = await viaStdin(log);
    const f = report.findings.find((x) => x.kind === 'home-volumes-deleted');
    assert.ok(f, JSON.stringify(report.findings));
    assert.deepEqual(f.evidence.map((e) => [e.line, e.text]), [[pvc, log.lines[pvc - 1]]]);
    assert.ok(report.verdict.remediation.some((s) => /PVC/.test(s) && /home/.test(s)), report.verdict.remediation.join('\n'));
  });

  test('no PVC line, no home-volumes-deleted finding', async () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.cullUser('09:12:00.601', 'bob', { pvc: false });
    log.refusedOAuth('13:40:02.120', 'bob');
    const { report } = await viaStdin(log);
    assert.deepEqual(report.findings, []);
    assert.ok(!report.verdict.remediation.some((s) => /PVC/.test(s)));
  });
});

describe('analyze: exit codes and output options', { concurrency: true }, () => {
  const incidentLog = () => {
    const log = new HubLog();
    log.start('08:00:00.000');
    log.cullUser('09:12:00.601', 'bob');
    log.cullUser('09:14:00.100', 'carol');
    log.refusedOAuth('13:40:02.120', 'bob');
    log.refusedOAuth('13:42:00.300', 'carol');
    log.refusedOAuth('13:43:00.300', 'mallory');
    return log;
  };

  test('--exit-zero forces 0 when an incident has denials', async () => {
    const log = incidentLog();
    assert.equal((await viaStdin(log)).code, 1);
    assert.equal((await viaStdin(log, '--exit-zero')).code, 0);
  });

  test('--user narrows incidents and denials to one user and renumbers incident indexes', async () => {
    const { code, report } = await viaStdin(incidentLog(), '--user', 'carol');
    assert.deepEqual(report.incidents.map((i) => i.user), ['carol']);
    assert.deepEqual(report.denials.map((d) => [d.user, d.cause, d.incident]), [['carol', 'deleted-by-culler', 0]]);
    assert.equal(report.verdict.rootCause, 'culler-deleted-users');
    assert.match(report.verdict.summary, /carol/);
    assert.doesNotMatch(report.verdict.summary, /bob/);
    assert.equal(code, 1);
    const none = await viaStdin(incidentLog(), '--user', 'mallory');
    assert.deepEqual(none.report.incidents, []);
    assert.deepEqual(none.report.denials.map((d) => [d.user, d.cause]), [['mallory', 'not-allowed']]);
    assert.equal(none.code, 0);
  });

  test('-o FILE writes the report there and nothing to standard output', async () => {
    const out = join(dir, 'report.json');
    const r = await runCli(['analyze', '--format', 'json', '-o', out, '-'], { input: incidentLog().text() });
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
    assert.ok(existsSync(out));
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.deepEqual(report.incidents.map((i) => [i.user, i.denials]), [['bob', 1], ['carol', 1]]);
  });
});
