// earliestTime tells the merge when an input begins, from a few KB at its ends; when it cannot
// tell for sure it says -Infinity (the input is then opened at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { earliestTime } from '../../src/ingest/first-time.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir('first');
const file = (name: string, body: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, body);
  return { name: p, path: p };
};
const hubLog = readFileSync(join(ROOT, 'samples/incident-two-days.log'), 'utf8');
const lines = hubLog.trimEnd().split('\n');
const at = (iso: string) => Date.parse(iso);

test('oldest-first log: its first record; newest-first export: its last line (the smaller end)', async () => {
  // the sample's first timed line: `[I 2025-05-13 07:58:13.712 JupyterHub app:2886] Running JupyterHub …`
  assert.equal(await earliestTime(file('hub.log', hubLog)), at('2025-05-13T07:58:13.712Z'));
  const loki = readFileSync(join(ROOT, 'samples/loki.jsonl'), 'utf8').trimEnd().split('\n');
  const forward = await earliestTime(file('loki.jsonl', loki.join('\n') + '\n'));
  const reversed = await earliestTime(file('loki-newest-first.jsonl', [...loki].reverse().join('\n') + '\n'));
  assert.ok(Number.isFinite(forward));
  assert.equal(reversed, forward);
});

test('gzip: the front, when its times go forward; newest-first gzip, JSON arrays, no times, pipes: unknown', async () => {
  assert.equal(await earliestTime(file('hub.log.gz', gzipSync(hubLog))), await earliestTime(file('hub2.log', hubLog)));
  assert.equal(await earliestTime(file('rev.log.gz', gzipSync([...lines].reverse().join('\n') + '\n'))), -Infinity);
  assert.equal(await earliestTime(file('export.json', readFileSync(join(ROOT, 'samples/cloud-logging.json')))), -Infinity);
  assert.equal(await earliestTime(file('words.txt', 'no time here\nnor here\n')), -Infinity);
  assert.equal(await earliestTime({ name: '-', path: null }), -Infinity);
  assert.equal(await earliestTime({ name: 'p', path: '/dev/null', pipe: true }), -Infinity);
  assert.equal(await earliestTime({ name: 'gone', path: join(tmp, 'missing.log') }), -Infinity);
});
