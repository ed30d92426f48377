// mergeByTime's de-duplication: the same record from two sources counts once when their envelope
// times are within ten minutes; anything else (other text, kind or level, the same source, or
// further apart) is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeByTime } from '../../src/ingest/merge.js';
import type { HubEvent } from '../../src/core/model/events.js';
import type { MergeStats } from '../../src/core/model/inputs.js';

const T0 = Date.parse('2025-05-14T10:00:00.000Z');
const MIN = 60_000;

function ev(source: string, line: number, t: number, lt: number, text: string, level: HubEvent['level'] = 'I'): HubEvent {
  return { source, line, lines: 1, t, lt, level, shape: 'jupyterhub', envelope: 'kubectl-timestamps', raw: text, text, kind: 'message' };
}

async function merge(...sources: HubEvent[][]): Promise<{ kept: string[]; stats: MergeStats }> {
  const stats: MergeStats = { duplicates: 0, skews: [], late: [] };
  // batches of two, as readers hand them on
  // eslint-disable-next-line @typescript-eslint/require-await -- a source is an async iterable; this one has its events at hand
  const gens = sources.map((events) => (async function* () {
    for (let i = 0; i < events.length; i += 2) yield events.slice(i, i + 2);
  })());
  const kept: string[] = [];
  for await (const batch of mergeByTime(gens, stats)) for (const e of batch) kept.push(`${e.source}:${e.line}`);
  return { kept, stats };
}

test('a copy 5 minutes apart by its envelope clock is dropped, and the skew is reported', async () => {
  const a = [ev('a', 1, T0, T0, 'User x not allowed'), ev('a', 2, T0 + MIN, T0 + MIN, 'other')];
  const b = [ev('b', 1, T0 + 5 * MIN, T0, 'User x not allowed'), ev('b', 2, T0 + 6 * MIN, T0 + 6 * MIN, 'later')];
  const { kept, stats } = await merge(a, b);
  assert.deepEqual(kept, ['a:1', 'a:2', 'b:2']);
  assert.equal(stats.duplicates, 1);
  assert.deepEqual(stats.skews, [{ a: 'a', b: 'b', ms: 5 * MIN, line: 1 }]);
});

test('a copy more than 10 minutes apart, another text, kind or level, or the same source: all kept', async () => {
  const a = [ev('a', 1, T0, T0, 'same'), ev('a', 2, T0, T0, 'same'), ev('a', 3, T0 + 1, T0 + 1, 'text one'), ev('a', 4, T0 + 2, T0 + 2, 'lvl', 'I')];
  const b = [ev('b', 1, T0 + 1, T0 + 1, 'text two'), ev('b', 2, T0 + 2, T0 + 2, 'lvl', 'W'), ev('b', 3, T0 + 11 * MIN, T0, 'same')];
  const { kept, stats } = await merge(a, b);
  assert.deepEqual(kept, ['a:1', 'a:2', 'a:3', 'b:1', 'a:4', 'b:2', 'b:3']);
  assert.equal(stats.duplicates, 0);
});

test('rotated files a day apart: the later file is not compared with the earlier one, and overlap at the seam is', async () => {
  const day = 24 * 60 * MIN;
  const a = [ev('a', 1, T0, T0, 'first day'), ev('a', 2, T0 + day - MIN, T0 + day - MIN, 'seam')];
  // b starts a minute before a ends (a rotation overlap) and repeats a's first text a day later
  const b = [ev('b', 1, T0 + day - MIN, T0 + day - MIN, 'seam'), ev('b', 2, T0 + day, T0, 'first day')];
  const { kept, stats } = await merge(a, b);
  assert.deepEqual(kept, ['a:1', 'a:2', 'b:2']);
  assert.equal(stats.duplicates, 1);
});

test('a source that begins later is opened only when the merge comes within ten minutes of it', async () => {
  const opened: string[] = [];
  const emitted: string[] = [];
  // eslint-disable-next-line @typescript-eslint/require-await -- a source is an async iterable; this one has its events at hand
  const source = (name: string, events: HubEvent[]) => (async function* () {
    opened.push(`${name} after ${emitted.length}`);
    for (const e of events) yield [e];
  })();
  const hour = 60 * MIN;
  const a = [ev('a', 1, T0, T0, 'a1'), ev('a', 2, T0 + hour, T0 + hour, 'a2'), ev('a', 3, T0 + 2 * hour, T0 + 2 * hour, 'a3')];
  const b = [ev('b', 1, T0 + 2 * hour - 5 * MIN, T0 + 2 * hour - 5 * MIN, 'b1')];
  const c = [ev('c', 1, T0 + 30 * MIN, T0 + 30 * MIN, 'c1')];
  const stats: MergeStats = { duplicates: 0, skews: [], late: [] };
  for await (const batch of mergeByTime([source('a', a), source('b', b), source('c', c)], stats, [T0, T0 + 2 * hour - 5 * MIN, -Infinity])) {
    for (const e of batch) emitted.push(`${e.source}:${e.line}`);
  }
  assert.deepEqual(emitted, ['a:1', 'c:1', 'a:2', 'b:1', 'a:3']);
  // c (start unknown) at once, a at once (it is first), b only after a:2 (two hours in)
  assert.deepEqual(opened, ['c after 0', 'a after 0', 'b after 3']);
});
