// One stream of two hubs' logs: watch follows each hub on its own, so no alert ties one hub's
// lines to the other's, and once both are seen every alert names its hub.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { STAFF, STUDENTS, twoHubs } from '../helpers/two-hubs.js';
import type { WatchAlert } from '../../src/watch/alerts.js';

const watch = async (input: string, format = 'ndjson') => {
  const r = await runCli(['watch', '--every', '0', '--format', format, '-'], { input });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};
const alerts = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as WatchAlert);
// What an alert says, without where its lines are (each hub's lines are numbered apart when alone).
const story = (a: WatchAlert) => [a.kind, a.severity, a.at, a.user, a.deletedAt, a.deletedBy, a.cause, a.restoredUsers];

test('two hubs in one stream: each alert holds one hub\'s lines, names that hub, and is the alert of that hub watched alone', async () => {
  const hubs = twoHubs();
  const both = alerts(await watch(hubs.both));
  const hubOfLine = (n: number) => hubs.lineHubs[n - 1];
  const bothSeen = Math.max(hubs.lineHubs.indexOf(STAFF), hubs.lineHubs.indexOf(STUDENTS)) + 1;
  for (const a of both) {
    const of = new Set(a.evidence.map((e) => hubOfLine(e.line)));
    assert.equal(of.size, 1, `${a.kind} at ${a.at} mixes hubs: ${JSON.stringify(a.evidence)}`);
    if (Math.max(...a.evidence.map((e) => e.line)) > bothSeen) assert.equal(a.hub, [...of][0], `${a.kind} at ${a.at} names ${a.hub}`);
    else assert.ok(a.hub === undefined || a.hub === [...of][0]);
  }
  for (const hub of [STAFF, STUDENTS]) {
    const alone = alerts(await watch(hubs.alone[hub]));
    assert.ok(alone.length > 0);
    assert.ok(alone.every((a) => a.hub === undefined), 'one hub watched alone: no alert names it');
    const mine = both.filter((a) => hubOfLine(a.evidence[0].line) === hub);
    assert.deepEqual(mine.map(story), alone.map(story), hub);
  }
  // The text lines say the same: the hub before the sentence.
  const text = (await watch(hubs.both, 'text')).trim().split('\n');
  assert.equal(text.length, both.length);
  both.forEach((a, k) => assert.ok(a.hub === undefined || text[k].includes(`  ${a.hub}: `), text[k]));
  assert.ok(text.filter((l) => l.includes(`  ${STUDENTS}: `)).length > 0 && text.filter((l) => l.includes(`  ${STAFF}: `)).length > 0);
});
