// `gcloud logging read --format=json` arrays: objects found wherever the reads split them, braces and
// quotes inside strings ignored, and every physical line of the file given to exactly one record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonDocumentSplitter as JsonArraySplitter } from '../../src/ingest/json-array.js';

type Rec = [json: string | null, line: number, lines: number];

function run(chunks: string[]): Rec[] {
  const out: Rec[] = [];
  const s = new JsonArraySplitter((json, line, lines) => out.push([json, line, lines]));
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

const ARRAY = [
  '[',
  '  {',
  '    "textPayload": "a } brace and a \\" quote { in text [",',
  '    "timestamp": "2025-05-14T13:40:02.118734512Z"',
  '  },',
  '  {',
  '    "textPayload": "second",',
  '    "resource": {"labels": {"pod_name": "hub-1"}}',
  '  }',
  ']',
  '',
].join('\n');

test('objects are found at every split point, and their line ranges tile the file', () => {
  const whole = run([ARRAY]);
  assert.deepEqual(whole.map(([, line, lines]) => [line, lines]), [[1, 5], [6, 5]]);
  assert.deepEqual(JSON.parse(whole[0][0]!), { textPayload: 'a } brace and a " quote { in text [', timestamp: '2025-05-14T13:40:02.118734512Z' });
  assert.deepEqual(JSON.parse(whole[1][0]!), { textPayload: 'second', resource: { labels: { pod_name: 'hub-1' } } });
  for (let i = 0; i <= ARRAY.length; i++) {
    assert.deepEqual(run([ARRAY.slice(0, i), ARRAY.slice(i)]), whole, `split at ${i}`);
  }
  assert.deepEqual(run(ARRAY.split('')), whole, 'one character per read');
});

test('a cut-off array: the complete objects, then the cut one as null with the remaining lines', () => {
  const cut = ARRAY.slice(0, ARRAY.indexOf('"second"'));
  const out = run([cut]);
  assert.deepEqual(out.map(([json, line, lines]) => [json === null ? null : 'obj', line, lines]), [['obj', 1, 5], [null, 6, 2]]);
});

test('an empty array is one record of no object (its lines are still counted)', () => {
  assert.deepEqual(run(['[]\n']), [[null, 1, 1]]);
  assert.deepEqual(run(['[\n]\n']), [[null, 1, 2]]);
});
