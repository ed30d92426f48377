// inTimeOrder: one source's records sorted within a window bounded in log time and in records; what
// comes later than the window is passed on where it came and counted as late, never buffered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inTimeOrder, type ReorderLimits } from '../../src/ingest/reorder.js';
import type { HubEvent } from '../../src/core/model/events.js';
import type { MergeStats } from '../../src/core/model/inputs.js';

const T0 = Date.parse('2025-05-14T10:00:00.000Z');
const S = 1000;

function ev(line: number, t: number): HubEvent {
  const text = `record ${line}`;
  return { source: 'a.log', line, lines: 1, t, lt: t, level: 'I', shape: 'jupyterhub', envelope: 'bare', raw: text, text, kind: 'message' };
}

/** Runs the window over `times` in batches of `batch`; returns the lines in the order passed on and when each batch came out. */
async function run(times: number[], limits?: ReorderLimits, batch = 10) {
  const stats: MergeStats = { duplicates: 0, skews: [], late: [] };
  const events = times.map((t, i) => ev(i + 1, t));
  let pushed = 0;
  const passedBeforeEnd: number[] = [];
  // eslint-disable-next-line @typescript-eslint/require-await -- a source is an async iterable; this one has its events at hand
  const gen = (async function* () {
    for (let i = 0; i < events.length; i += batch) {
      pushed = Math.min(events.length, i + batch);
      yield events.slice(i, i + batch);
    }
  })();
  const order: number[] = [];
  for await (const out of inTimeOrder(gen, stats, limits)) {
    for (const e of out) order.push(e.line);
    passedBeforeEnd.push(pushed - order.length);
  }
  return { order, stats, held: Math.max(0, ...passedBeforeEnd) };
}

test('records a few seconds out of order come out sorted, and nothing is late', async () => {
  const times = [0, 2, 1, 3, 2.5, 10, 9, 30].map((s) => T0 + s * S);
  const { order, stats } = await run(times);
  assert.deepEqual(order, [1, 3, 2, 5, 4, 7, 6, 8]);
  assert.deepEqual(stats.late, []);
});

test('one record 20 s older than what was passed on comes out where it came, counted as late with its line', async () => {
  const times = Array.from({ length: 60 }, (_, i) => T0 + i * S);
  times.splice(40, 0, T0 + 19 * S);
  const { order, stats } = await run(times);
  // Passed on at once, after what the window had let go (up to 5 s before the latest) and before what it still held.
  const seq = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  assert.deepEqual(order, [...seq(1, 35), 41, ...seq(36, 40), ...seq(42, 61)]);
  assert.equal(stats.late.length, 1);
  const late = stats.late[0];
  assert.equal(late.source, 'a.log');
  assert.equal(late.count, 1);
  assert.equal(late.maxMs, 20 * S);
  assert.equal(late.newestFirst, false);
  assert.deepEqual(late.evidence, [{ source: 'a.log', line: 41, text: 'record 41' }]);
});

test('a clock that repeats holds at most the record limit, and the records stay in source order', async () => {
  const times = Array.from({ length: 5000 }, () => T0);
  const { order, stats, held } = await run(times, { ms: 5 * S, records: 200, newestFirst: 1000 });
  assert.deepEqual(order, times.map((_, i) => i + 1));
  assert.ok(held <= 200 + 10, `held ${held} records before passing them on`);
  assert.deepEqual(stats.late, []);
});

test('an export written newest first is sorted whole when it fits, and counted as late beyond the limit', async () => {
  const short = Array.from({ length: 100 }, (_, i) => T0 + (100 - i) * S);
  const a = await run(short, { ms: 5 * S, records: 50, newestFirst: 1000 });
  assert.deepEqual(a.order, short.map((_, i) => i + 1).reverse());
  assert.deepEqual(a.stats.late, []);

  const long = Array.from({ length: 300 }, (_, i) => T0 + (300 - i) * S);
  const b = await run(long, { ms: 5 * S, records: 50, newestFirst: 100 });
  assert.equal(b.order.length, 300);
  assert.ok(b.held <= 100 + 10, `held ${b.held}`);
  assert.equal(b.stats.late.length, 1);
  assert.equal(b.stats.late[0].newestFirst, true);
  assert.equal(b.stats.late[0].count, 200);
  assert.equal(b.stats.late[0].evidence.length, 3);
});

test('an untimed record goes with the timed one before it', async () => {
  const times = [T0 + 2 * S, NaN, T0 + S, T0 + 3 * S];
  const { order } = await run(times, undefined, 1);
  assert.deepEqual(order, [3, 1, 2, 4]);
});
