// The correlator's stories in process: composed events go in, and the incidents, the refused
// requests with their causes, the findings and the verdict of the report built from it come out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Correlator } from '../../src/correlate/correlator.js';
import { buildReport, type BuildOptions } from '../../src/correlate/report.js';
import type { Alert } from '../../src/core/model/alerts.js';
import type { Denial, Report } from '../../src/core/model/report.js';
import type { SourceStats } from '../../src/core/model/inputs.js';
import { at, CULLER, Events, SOURCE } from './events.js';

/** The input's counts and span, as the reader would give them for a log of these events. */
function statsOf(e: Events): SourceStats[] {
  const times = e.list.map((ev) => ev.t).filter(Number.isFinite);
  const parsed = e.list.filter((ev) => ev.kind !== 'unparsed').length;
  return [{ source: SOURCE, lines: e.list.length, parsed, unparsed: e.list.length - parsed, artifacts: 0, fragments: 0, first: Math.min(...times), last: Math.max(...times), envelopes: {}, shapes: { jupyterhub: parsed } }];
}

function correlate(e: Events, opts: BuildOptions = {}): { report: Report; denials: Denial[]; alerts: Alert[]; c: Correlator } {
  const alerts: Alert[] = [];
  const c = new Correlator((a) => alerts.push(a));
  for (const ev of e.list) c.push(ev);
  const report = buildReport(c.finish(), statsOf(e), { duplicates: 0, skews: [], late: [] }, opts);
  return { report, denials: [...report.denials], alerts, c };
}

const lines = (r: { evidence: { line: number }[] }) => r.evidence.map((x) => x.line);
const causesOf = (denials: Denial[]) => denials.map((d) => [d.user, d.cause, d.incident]);
const kinds = (r: Report) => r.findings.map((f) => `${f.severity} ${f.kind}`);

test('culler deletion, then a refused login: one incident, its denial, the PVC finding, the culler verdict', () => {
  const e = new Events();
  e.start('08:00:00');
  const del = e.culled('10:22:00', 'alice');
  e.volumeDeleted('10:22:00', 'alice');
  const refused = e.refusedOAuth('13:40:02.120', 'alice');
  const { report, denials } = correlate(e);
  assert.deepEqual(report.incidents, [{
    user: 'alice', deletedAt: at('10:22:00'), deletedBy: 'culler', actor: CULLER, inactiveFor: '1:13:59.512345', denials: 1,
    firstDeniedAt: at('13:40:02.120'), lastDeniedAt: at('13:40:02.120'), restoredAt: null,
    evidence: [del - 1, del, refused - 2, refused].map((n) => ({ source: SOURCE, line: n, text: e.line(n).raw })),
  }]);
  assert.deepEqual(denials, [{
    at: at('13:40:02.120'), user: 'alice', status: 403, method: 'GET', path: '/hub/oauth_callback', cause: 'deleted-by-culler', component: 'hub', attributedBy: 'message',
    detail: null, missing: null, incident: 0, source: SOURCE, line: refused,
  }]);
  assert.deepEqual(kinds(report), ['warning home-volumes-deleted']);
  assert.equal(report.verdict.rootCause, 'culler-deleted-users');
  assert.equal(report.verdict.confidence, 'high');
  assert.equal(report.verdict.title, 'The idle culler deleted users, and their logins are refused');
  assert.match(report.verdict.summary, /1 user \(alice\) was refused 1 time since 2025-05-14T13:40:02\.\d{3}Z\./);
  assert.ok(report.verdict.remediation.some((s) => /cull\.users: false/.test(s)) && report.verdict.remediation.some((s) => /PVC/.test(s)));
  assert.deepEqual(Object.keys(report.causes), ['deleted-by-culler']);
  assert.equal(report.causes['deleted-by-culler']!.count, 1);
  assert.equal(report.causes['deleted-by-culler']!.severity, 'error');
});

test('admin deletion, then a refused login: the admin verdict', () => {
  const e = new Events();
  e.deleted('11:30:27', 'bob', 'admin-ops');
  const refused = e.refusedOAuth('12:02:01', 'bob');
  const { report, denials } = correlate(e);
  assert.deepEqual(report.incidents.map((i) => [i.user, i.deletedBy, i.actor, i.denials]), [['bob', 'admin', 'admin-ops', 1]]);
  assert.deepEqual(causesOf(denials), [['bob', 'deleted-by-admin', 0]]);
  assert.equal(denials[0].line, refused);
  assert.equal(report.verdict.rootCause, 'admin-deleted-users');
  assert.equal(report.verdict.confidence, 'high');
  assert.equal(report.verdict.title, 'An admin deleted users, and their logins are refused');
});

test('a refused login of a user nobody deleted is not-allowed, never an incident', () => {
  const e = new Events();
  e.refusedOAuth('09:00:00', 'trent@gmail.com');
  e.refusedOAuth('09:05:00', 'trent@gmail.com');
  const { report, denials } = correlate(e);
  assert.deepEqual(report.incidents, []);
  assert.deepEqual(causesOf(denials), [['trent@gmail.com', 'not-allowed', null], ['trent@gmail.com', 'not-allowed', null]]);
  assert.equal(report.verdict.rootCause, 'users-not-allowed');
  assert.equal(report.verdict.confidence, 'high');
  assert.deepEqual(report.verdict.remediation, report.causes['not-allowed']!.remediation);
  assert.deepEqual(denials.map((d) => [d.component, d.attributedBy]), [['hub', 'message'], ['hub', 'message']]);
});

test('a blocked user is blocked, even after a deletion, and the refusal stays out of the incident', () => {
  const e = new Events();
  e.culled('08:00:00', 'eve');
  e.refusedOAuth('09:00:00', 'eve', 'blocked');
  e.refusedOAuth('09:01:00', 'mallory', 'blocked');
  const { report, denials } = correlate(e);
  assert.deepEqual(causesOf(denials), [['eve', 'blocked', null], ['mallory', 'blocked', null]]);
  assert.equal(report.incidents[0].denials, 0);
  // The culled user has not been refused for the deletion yet: the culler story, not yet proven.
  assert.equal(report.verdict.rootCause, 'culler-deleted-users');
  assert.equal(report.verdict.confidence, 'medium');
});

test('blocked refusals alone: the block-list verdict, with its remediation', () => {
  const e = new Events();
  e.refusedOAuth('09:01:00', 'mallory', 'blocked');
  const { report } = correlate(e);
  assert.equal(report.verdict.rootCause, 'blocked');
  assert.equal(report.causes.blocked!.title, 'On the block list');
  assert.deepEqual(report.verdict.remediation, report.causes.blocked!.remediation);
});

test('an XSRF failure is xsrf, also for a deleted user, and the XSRF verdict', () => {
  const e = new Events();
  e.xsrf('09:00:00');
  e.xsrf('09:10:00');
  const { report, denials } = correlate(e);
  assert.deepEqual(causesOf(denials), [[null, 'xsrf', null], [null, 'xsrf', null]]);
  assert.equal(report.verdict.rootCause, 'xsrf');
  assert.equal(report.verdict.confidence, 'high');

  const d = new Events();
  d.culled('08:00:00', 'alice');
  d.webError('09:00:00', 403, 'POST', '/hub/login', "'_xsrf' argument missing from POST");
  d.access('09:00:00', 403, 'POST', '/hub/login', 'alice');
  const after = correlate(d);
  assert.deepEqual(causesOf(after.denials), [['alice', 'xsrf', null]]);
  assert.equal(after.report.incidents[0].denials, 0);
});

test('an all-clear needs evidence: a cull cycle of log, or the culler seen not deleting users', () => {
  const short = new Events();
  short.start('09:00:00');
  short.access('09:30:00', 200, 'GET', '/hub/home', 'bob');
  const a = correlate(short).report;
  assert.deepEqual(a.seen, { hubRecords: 2, hubStarts: 1, cullerSeen: false, from: at('09:00:00'), to: at('09:30:00'), spanSeconds: 1800, understood: 1 });
  assert.deepEqual([a.verdict.rootCause, a.verdict.confidence], ['inconclusive', 'low']);
  assert.equal(a.verdict.summary, "The log covers 30 min 0 s (2025-05-14 09:00:00 to 2025-05-14 09:30:00 UTC), less than one cull cycle (1 h 10 min with the chart's defaults; the culler's settings are not in the log), so a cull and the refusals after it may lie outside it. Collect the hub's log over two days: `kubectl logs deploy/hub -n NAMESPACE --since=48h`, and `kubectl logs deploy/hub -n NAMESPACE --previous` for the container before the hub's last restart.");

  const argvShort = new Events();
  argvShort.start('09:00:00');
  argvShort.cullerStart('09:00:01', true, 600, 60);
  argvShort.access('09:05:00', 200, 'GET', '/hub/home', 'bob');
  assert.match(correlate(argvShort).report.verdict.summary, /^The log covers 5 min 0 s .*, less than one cull cycle \(--timeout \+ --cull-every = 11 min 0 s\)/);

  const long = new Events();
  long.start('07:00:00');
  long.access('09:30:00', 200, 'GET', '/hub/home', 'bob');
  const b = correlate(long).report.verdict;
  assert.deepEqual([b.rootCause, b.confidence, b.summary], ['none', 'high', 'No refused logins and no user deletions in 2 h 30 min of hub log (2 records, 1 hub start), more than one cull cycle.']);

  const spares = new Events();
  spares.start('09:00:00');
  spares.cullerStart('09:00:01', false);
  const c = correlate(spares).report.verdict;
  assert.deepEqual([c.rootCause, c.confidence, c.summary], ['none', 'high', 'No refused logins and no user deletions in 1 s of hub log (2 records, 1 hub start): the culler culls idle servers only.']);
});

test('an all-clear needs most records understood, and a cause needs its reason line in the same span', () => {
  const e = new Events();
  e.start('07:00:00');
  e.cullerStart('07:00:01', false);
  const stats = statsOf(e).map((s) => ({ ...s, lines: 10, unparsed: 8 }));
  const c = new Correlator();
  for (const ev of e.list) c.push(ev);
  const mostly = buildReport(c.finish(), stats, { duplicates: 0, skews: [], late: [] });
  assert.equal(mostly.seen.understood, 0.2);
  assert.equal(mostly.verdict.rootCause, 'inconclusive');
  assert.equal(mostly.verdict.summary, 'Only 20% of the records were understood: the rest may hold the deletions or the refusals. Check how each line was read with `hubsleuth events FILE`, and collect the log straight from `kubectl logs deploy/hub -n NAMESPACE --since=48h` rather than a copy.');

  // A bare 403 could be a deletion outside the span as well as anything else: no cause is claimed.
  const p = new Events();
  p.access('09:00:00', 403, 'GET', '/hub/api/users', 'bob');
  const { report, denials } = correlate(p);
  assert.deepEqual(causesOf(denials), [['bob', 'unknown', null]]);
  assert.deepEqual([report.verdict.rootCause, report.verdict.confidence], ['unknown', 'low']);
  assert.match(report.verdict.summary, /^1 refused request: Cause not recognised \(bob\)\. These logs hold no line that explains them; /);
  assert.ok(report.verdict.summary.endsWith(" No user deletion in the log explains them, but it covers 0 s (2025-05-14 09:00:00 to 2025-05-14 09:00:00 UTC), less than one cull cycle (1 h 10 min with the chart's defaults; the culler's settings are not in the log), so a deletion before them cannot be ruled out: `kubectl logs deploy/hub -n NAMESPACE --since=48h` would show it."), report.verdict.summary);
});

test("a signed-in user's 403 with a scope line is permission; the culler's own is also the culler-refused finding", () => {
  const e = new Events();
  e.webError('09:00:00', 403, 'GET', '/hub/api/users', 'Action is not authorized with current scopes; requires any of [list:users]');
  e.access('09:00:00', 403, 'GET', '/hub/api/users', 'bob');
  // Without a reason line a user's 403 could be anything (XSRF names the user too from JupyterHub 4.1).
  e.access('09:05:00', 403, 'GET', '/hub/api/users/bob/tokens', 'bob');
  const { report, denials } = correlate(e);
  assert.deepEqual(causesOf(denials), [['bob', 'permission', null], ['bob', 'unknown', null]]);
  assert.equal(denials[0].detail, 'Action is not authorized with current scopes; requires any of [list:users]');
  assert.equal(report.verdict.rootCause, 'permission');
  assert.equal(report.verdict.summary,
    '1 of 2 refused requests: Missing permission (scopes or roles) (bob: Action is not authorized with current scopes; requires any of [list:users]). '
    + `${report.causes.permission!.explanation} No user deletion explains them. Other causes: unknown 1.`);
  assert.deepEqual(report.verdict.remediation, report.causes.permission!.remediation);

  const c = new Events();
  c.start('07:00:00');
  c.access('09:00:00', 403, 'GET', '/hub/api/users', CULLER);
  c.access('09:10:00', 403, 'GET', '/hub/api/users', CULLER);
  const culler = correlate(c);
  assert.deepEqual(causesOf(culler.denials), [[CULLER, 'permission', null], [CULLER, 'permission', null]]);
  assert.deepEqual(kinds(culler.report), ['error culler-refused']);
  assert.equal(culler.report.findings[0].at, at('09:00:00'));
  assert.equal(culler.report.verdict.rootCause, 'permission');
  assert.match(culler.report.verdict.remediation[0], /hub\.config\.JupyterHub\.load_roles.*hub\.loadRoles/);
  assert.deepEqual(culler.report.verdict.remediation.slice(0, 2), culler.report.findings[0].remediation);
});

test('a hub restart gives access back: no open user after it, and a later refusal is not the deletion', () => {
  const e = new Events();
  e.culled('10:00:00', 'alice');
  const start = e.start('12:00:00');
  const login = e.loggedIn('12:05:00', 'alice');
  e.refusedOAuth('13:00:00', 'alice');
  const alerts: Alert[] = [];
  const c = new Correlator((a) => alerts.push(a));
  e.list.slice(0, start).forEach((ev) => c.push(ev));
  assert.deepEqual(c.openUsers(), []);
  e.list.slice(start).forEach((ev) => c.push(ev));
  const report = buildReport(c.finish(), [], { duplicates: 0, skews: [], late: [] });
  const restart = alerts.find((a) => a.kind === 'hub-restarted');
  assert.deepEqual(restart?.kind === 'hub-restarted' && restart.restoredUsers, ['alice']);
  // The restart came first: it is what gave access back; the login after it is still evidence.
  assert.equal(report.incidents[0].restoredAt, at('12:00:00'));
  assert.equal(report.incidents[0].restoredBy, 'restart');
  assert.ok(lines(report.incidents[0]).includes(login));
  assert.deepEqual(causesOf([...report.denials]), [['alice', 'not-allowed', null]]);
  assert.equal(report.incidents[0].denials, 0);
  assert.equal(report.verdict.rootCause, 'culler-deleted-users');
});

test('a deletion by an actor the log does not name: its refusals count in the incident, cause unknown', () => {
  const e = new Events();
  e.deleted('10:00:00', 'carol', null);
  e.refusedOAuth('11:00:00', 'carol');
  const { report, denials } = correlate(e);
  assert.deepEqual(report.incidents.map((i) => [i.deletedBy, i.denials]), [['unknown', 1]]);
  assert.deepEqual(causesOf(denials), [['carol', 'unknown', 0]]);
  assert.equal(report.verdict.rootCause, 'unknown');
  assert.equal(report.verdict.confidence, 'low');
});

test('allow list emptied: a user refused as not allowed logs in after the deletions, and everyone after them is listed', () => {
  const e = new Events();
  e.start('08:00:00');
  e.refusedOAuth('09:00:00', 'mallory');
  e.culled('10:00:00', 'alice');
  const first = e.loggedIn('11:00:00', 'mallory');
  const second = e.loggedIn('11:30:00', 'zed');
  const { report } = correlate(e);
  assert.deepEqual(kinds(report), ['critical allow-list-emptied']);
  const f = report.findings[0];
  // Emptied when alice, the last one allowed, was deleted: not when the login proved it.
  assert.equal(f.at, at('10:00:00'));
  assert.deepEqual(f.users, ['mallory', 'zed']);
  assert.deepEqual(lines(f), [first - 1, first, second]);
  assert.ok(report.verdict.remediation.some((s) => /allow-list-emptied/.test(s)));
});

test('pattern recurred: culls before a restart and after it; the finding quotes the start line', () => {
  const e = new Events();
  e.start('08:00:00');
  e.culled('09:00:00', 'alice');
  e.refusedOAuth('09:30:00', 'alice');
  const restart = e.start('12:00:00');
  const del = e.culled('13:00:00', 'bob');
  const { report, alerts } = correlate(e);
  assert.deepEqual(kinds(report), ['error pattern-recurred']);
  const f = report.findings[0];
  assert.equal(f.at, at('13:00:00'));
  assert.deepEqual(f.users, ['bob']);
  assert.deepEqual(lines(f), [restart, del - 1, del]);
  assert.deepEqual(alerts.filter((a) => a.kind === 'recurrence').map((a) => a.kind === 'recurrence' && [a.user, a.restartAt]), [['bob', at('12:00:00')]]);
  assert.equal(report.verdict.rootCause, 'culler-deleted-users');
  assert.match(report.verdict.summary, /the pattern came back after it/);
});

test('--user narrows incidents, refusals, their causes and the verdict', () => {
  const e = new Events();
  e.culled('09:00:00', 'alice');
  e.refusedOAuth('09:30:00', 'alice');
  e.refusedOAuth('09:40:00', 'trent');
  const { report, denials } = correlate(e, { user: 'trent' });
  assert.deepEqual(report.incidents, []);
  assert.deepEqual(causesOf(denials), [['trent', 'not-allowed', null]]);
  assert.deepEqual(Object.keys(report.causes), ['not-allowed']);
  assert.equal(report.verdict.rootCause, 'users-not-allowed');
});

test("the report shares no object with the correlator's records, and alerts keep what they said", () => {
  const e = new Events();
  e.start('08:00:00');
  e.culled('09:00:00', 'alice');
  e.refusedOAuth('09:30:00', 'alice');
  e.loggedIn('10:00:00', 'alice');
  const alerts: Alert[] = [];
  const c = new Correlator((a) => alerts.push(a));
  for (const ev of e.list) c.push(ev);
  const story = c.finish();
  const report = buildReport(story, [], { duplicates: 0, skews: [], late: [] });
  assert.notEqual(report.incidents[0], story.incidents[0]);
  assert.notEqual(report.incidents[0].evidence, story.incidents[0].evidence);
  assert.notEqual(report.hubStarts[0], story.hubStarts[0]);
  const before = JSON.stringify(report);
  // A second report from the same story is the same, and making it changed nothing in the first.
  assert.equal(JSON.stringify(buildReport(story, [], { duplicates: 0, skews: [], late: [] })), before);
  report.incidents[0].evidence.length = 0;
  assert.equal(story.incidents[0].evidence.length, 5);
  // The deletion alert was sent with the two deletion lines; the refusal added more to the incident since.
  const deleted = alerts.find((a) => a.kind === 'user-deleted')!;
  assert.equal(deleted.evidence.length, 2);
  assert.equal(deleted.kind === 'user-deleted' && deleted.inactiveFor, '1:13:59.512345');
});

test("the report's causes: each cause its refusals have, in registry order, with its words and count", () => {
  const e = new Events();
  e.refusedOAuth('09:00:00', 'trent');
  e.culled('09:10:00', 'alice');
  e.refusedOAuth('09:20:00', 'alice');
  e.refusedOAuth('09:25:00', 'alice');
  e.xsrf('09:30:00');
  const { report, denials } = correlate(e);
  assert.deepEqual(Object.entries(report.causes).map(([id, c]) => [id, c.count]), [['xsrf', 1], ['deleted-by-culler', 2], ['not-allowed', 1]]);
  assert.equal(denials.length, 4);
  assert.equal(report.causes.xsrf!.title, 'XSRF check failed');
});

test("a profile filter's print names the user of the spawn it refuses, only when the refusal is the very next line", () => {
  const e = new Events();
  const NONE_LEFT = 'Your JupyterHub group membership is insufficient to launch any server profiles.';
  e.printed('mbrandt');
  const first = e.webError('16:54:56.672', 403, 'GET', '/hub/spawn', NONE_LEFT);
  e.printed('jdoe');
  e.loggedIn('16:55:00', 'kim');
  const second = e.webError('16:55:10', 403, 'GET', '/hub/spawn', NONE_LEFT);
  const { report, denials } = correlate(e);
  assert.deepEqual(denials.map((d) => [d.line, d.user, d.attributedBy, d.cause]), [[first, 'mbrandt', 'request', 'spawn-refused'], [second, null, null, 'spawn-refused']]);
  assert.equal(report.verdict.rootCause, 'spawn-refused');
});

test("the proxy's 403 to the hub's API request is one proxy-api refusal with the hub's error, and one on its own", () => {
  const e = new Events();
  const answer = e.proxyAnswer('10:15:00.123', 403, 'GET', '/api/routes');
  e.proxyRequestFailed('10:15:00.125');
  e.proxyAnswer('10:20:00.000', 200, 'GET', '/api/routes');
  const alone = e.proxyAnswer('10:25:00.000', 403, 'POST', '/api/routes/user/alice');
  const { report, denials } = correlate(e);
  assert.deepEqual(denials.map((d) => [d.line, d.cause, d.component, d.status, d.path]), [
    [answer, 'proxy-api', 'proxy', 403, '/api/routes'], [alone, 'proxy-api', 'proxy', 403, '/api/routes/user/alice'],
  ]);
  assert.equal(report.verdict.rootCause, 'proxy-api');
});
