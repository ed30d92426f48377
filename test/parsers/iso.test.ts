// iso() reuses the minute it formatted last: it must still write exactly what toISOString writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso } from '../../src/core/time.js';

test('iso writes what Date#toISOString writes, in any order of times, and null for no time', () => {
  const times = [0, 59_999, 60_000, 1_741_000_000_000, 1_741_000_000_001, 1_741_000_059_999, 1_741_000_060_000, 1_741_000_000_999,
    1_741_000_005_050, 1_741_000_000_000.75, -1, -60_000, -62_198_755_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15];
  // a fixed pseudo-random walk through nearby and distant times
  let x = 12345;
  for (let i = 0; i < 5000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    times.push(1_700_000_000_000 + (i % 7 === 0 ? x * 1000 : (x % 120_000)));
  }
  for (const t of times) assert.equal(iso(t), new Date(t).toISOString(), String(t));
  assert.equal(iso(NaN), null);
  assert.equal(iso(Infinity), null);
});
