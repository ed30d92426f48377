// Times that name no real moment are a parse error for their record, never rolled over into another
// day (a refusal on 30 February would land on 2 March) and never a crash; year 1 stays year 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

interface Rec { line: number; kind: string; time: string | null; envelope: string }
const records = (stdout: string): Rec[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as Rec);

test('impossible dates and clock times in every time format: the record is unparsed, not moved to another day', async () => {
  const lines = [
    "[W 2025-02-30 13:40:02.118 JupyterHub auth:534] User 'a' not allowed.",
    "[W 2025-02-28 25:00:02.118 JupyterHub auth:534] User 'b' not allowed.",
    "[W 2025-04-31 13:60:02.118 JupyterHub auth:534] User 'c' not allowed.",
    "[W 2023-02-29 13:40:02.118 JupyterHub auth:534] User 'd' not allowed.",
    '[I 250230 10:00:00 __init__:371] Culling user e (inactive for 1:00:00)',
    "2025-02-30T10:00:00.000000000Z [W 2025-02-28 13:40:02.118 JupyterHub auth:534] User 'f' not allowed.",
    "2025-02-30T10:00:00.1Z stderr F [W 2025-02-28 13:40:02.118 JupyterHub auth:534] User 'g' not allowed.",
    // A real leap day stays what it is.
    "[W 2024-02-29 13:40:02.118 JupyterHub auth:534] User 'h' not allowed.",
  ];
  const r = await runCli(['events'], { input: lines.join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(records(r.stdout).map((e) => [e.line, e.kind, e.time]), [
    [1, 'unparsed', null], [2, 'unparsed', null], [3, 'unparsed', null], [4, 'unparsed', null], [5, 'unparsed', null],
    [6, 'unparsed', null], [7, 'unparsed', null], [8, 'login-refused', '2024-02-29T13:40:02.118Z'],
  ]);
});

test('year 0001 is year 0001 (not 1901), in events and in the report', async () => {
  const log = '[I 0001-01-01 00:00:07.250 JupyterHub app:2886] Running JupyterHub version 4.1.5\n';
  const ev = await runCli(['events'], { input: log });
  assert.equal(records(ev.stdout)[0].time, '0001-01-01T00:00:07.250Z');
  const an = await runCli(['analyze', '--format', 'json'], { input: log });
  assert.equal(an.code, 0, an.stderr);
  assert.deepEqual((JSON.parse(an.stdout) as { hubStarts: Array<{ at: string }> }).hubStarts.map((h) => h.at), ['0001-01-01T00:00:07.250Z']);
});

test('a Loki timestamp out of the range of a date: the record keeps its own time, every format is written', async () => {
  const log = [1e30, -1e30, 9e15 * 1e6].map((ts, i) =>
    JSON.stringify({ labels: { pod: 'hub-1' }, line: `[W 2025-05-14 13:40:0${i}.118 JupyterHub auth:534] User 'alice' not allowed.`, timestamp: ts })).join('\n') + '\n';
  const ev = await runCli(['events'], { input: log });
  assert.equal(ev.code, 0, ev.stderr);
  assert.deepEqual(records(ev.stdout).map((e) => [e.envelope, e.time]), [
    ['loki', '2025-05-14T13:40:00.118Z'], ['loki', '2025-05-14T13:40:01.118Z'], ['loki', '2025-05-14T13:40:02.118Z'],
  ]);
  for (const format of ['text', 'markdown', 'json', 'html']) {
    const r = await runCli(['analyze', '--format', format], { input: log });
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.length > 0);
  }
});
