// The denial columns must read back, and write as JSON, exactly as the objects they replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DenialTable } from '../../src/correlate/denials.js';
import type { Denial } from '../../src/core/model/report.js';

const rows: Denial[] = [
  {
    at: '2025-05-14T13:40:02.120Z', user: 'zoë "the" admin', status: 403, method: 'GET', path: '/hub/oauth_callback', cause: 'deleted-by-culler',
    component: 'hub', attributedBy: 'message', detail: null, missing: null, incident: 0, source: 'hub.log', line: 12,
  },
  {
    at: '2025-05-14T13:40:03.000Z', user: null, status: 403, method: 'POST', path: '/hub/api/users/\\x\u2028', cause: 'unknown',
    component: 'singleuser', attributedBy: null, detail: "'_xsrf' \"argument\"", missing: 'the `web:` "line"', incident: null, source: 'C:\\logs\\hub.log', line: 4_294_967_296,
  },
  {
    at: '1970-01-01T00:00:00.000Z', user: 'bob', status: null, method: null, path: null, cause: 'not-allowed',
    component: 'culler', attributedBy: 'pod', detail: 'first run', missing: null, incident: null, source: '-', line: 1,
  },
];

function table(): DenialTable {
  const t = new DenialTable();
  // more rows than the first allocation, so the columns grow
  for (let k = 0; k < 700; k++) {
    for (const { at, ...d } of rows) t.push({ ...d, t: at.startsWith('1970') ? NaN : Date.parse(at) });
  }
  return t;
}

test('columns read back as the denials pushed, in order; a missing time reads as the epoch', () => {
  const t = table();
  assert.equal(t.length, 2100);
  assert.deepStrictEqual(t.slice(0, 3), rows);
  assert.deepStrictEqual(t.at(2100 - 1), rows[2]);
  assert.deepStrictEqual([...t].slice(-3), rows);
});

test('jsonAt writes what JSON.stringify writes, quotes and separators escaped', () => {
  const t = table();
  for (let i = 0; i < 3; i++) assert.equal(t.jsonAt(i), JSON.stringify(rows[i]));
  assert.equal(JSON.stringify(new DenialTable()), '[]');
  assert.deepStrictEqual((JSON.parse(JSON.stringify(t)) as Denial[]).slice(0, 3), rows);
});

test('sortByTime puts rows in time order, stable, a row without a time staying after the one before it', () => {
  const t = new DenialTable();
  const row = (time: number, line: number) => ({ ...rows[0], at: undefined, t: time, line });
  for (const [time, line] of [[30, 1], [10, 2], [NaN, 3], [20, 4], [10, 5]]) t.push(row(time, line));
  t.sortByTime();
  assert.deepEqual([...t].map((d) => d.line), [2, 3, 5, 4, 1]);
});
