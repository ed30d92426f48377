// `allow-list-emptied` on the real hub logs: the driver's own record of what it did (its actions,
// replayed through the allow-list model) says whose deletion emptied the list and who got in
// afterwards; the report must date the finding at that deletion's line, not at a later login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { runCli, sample } from '../helpers/cli.js';
import { replay, type Truth } from '../e2e/harness/driver.js';
import type { ReportJson } from '../../src/core/model/report.js';

// The log's times and the driver's clock: same machine, one request's duration apart.
const TOLERANCE_MS = 500;

const runs = readdirSync(sample('real')).filter((n) => n.endsWith('.truth.json')).map((n) => n.slice(0, -'.truth.json'.length)).sort();

for (const run of runs) {
  test(`samples/real/${run}.log: allow-list-emptied as the driver's record has it`, async () => {
    const truth = JSON.parse(readFileSync(sample(`real/${run}.truth.json`), 'utf8')) as Truth;
    const c = truth.hub.culler;
    const { expected } = replay({
      auth: truth.hub.auth, allowedUsers: truth.hub.allowedUsers, adminUsers: truth.hub.adminUsers, password: '',
      culler: c && { timeout: c.timeoutSeconds, every: c.everySeconds, cullUsers: c.cullsUsers },
    }, truth.actions);
    const r = await runCli(['analyze', '--format', 'json', '--exit-zero', sample(`real/${run}.log`)]);
    assert.equal(r.code, 0, r.stderr);
    const got = (JSON.parse(r.stdout) as ReportJson).findings.filter((f) => f.kind === 'allow-list-emptied');
    const exp = expected.findings.find((f) => f.kind === 'allow-list-emptied');
    if (!exp) {
      assert.deepEqual(got, [], 'the list was never emptied in this run');
      return;
    }
    assert.equal(got.length, 1, 'one allow-list-emptied finding');
    const [f] = got;
    assert.equal(f.severity, 'critical');
    assert.deepEqual(f.users, exp.users, 'everyone admitted while the list was empty, in order');
    // Its first evidence is the deletion of the last allowed user, and it is dated by that line.
    const line = f.evidence[0].text;
    assert.match(line, new RegExp(` DELETE /hub/api/users/${exp.deleted!} `), 'first evidence: the emptying deletion');
    const at = Date.parse(f.at!);
    assert.ok(Math.abs(at - Date.parse(exp.at!)) <= TOLERANCE_MS, `finding at ${f.at}, the driver deleted ${exp.deleted!} at ${exp.at!}`);
    assert.ok(line.includes(f.at!.slice(11, 23)), `finding at ${f.at} is the time of its line: ${line}`);
    assert.match(f.summary, new RegExp(`when ${exp.deleted!}, the last allowed user, was deleted`));
    const firstAdmitted = truth.actions.find((a) => a.kind === 'login' && a.ok && a.user === exp.users[0])!;
    assert.ok(at < Date.parse(firstAdmitted.at), 'dated before the first login it let through');
  });
}
