// An alert NDJSON line validates against the documented fields: the JSON Schema in src/watch/schema.ts
// (closed here, so an undocumented field fails) and the field table of docs/watch-alerts.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AjvModule from 'ajv';
import { ROOT, runCli, sample } from '../helpers/cli.js';
import { ALERT_JSON_SCHEMA } from '../../src/watch/schema.js';

const Ajv = AjvModule as unknown as typeof AjvModule.default;

test('every ndjson alert validates against the schema and uses only the fields docs/watch-alerts.md documents', async () => {
  const r = await runCli(['watch', '--every', '0', '--format', 'ndjson', sample('incident-two-days.log')]);
  assert.equal(r.code, 0, r.stderr);
  const validate = new Ajv({ allErrors: true }).compile({ ...ALERT_JSON_SCHEMA, additionalProperties: false });
  const doc = readFileSync(resolve(ROOT, 'docs/watch-alerts.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## NDJSON fields'), doc.indexOf('Example:'));
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(documented, Object.keys(ALERT_JSON_SCHEMA.properties), 'the doc table and the schema list the same fields, in the same order');
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 34);
  const kinds = new Set<string>();
  for (const line of lines) {
    const a = JSON.parse(line) as Record<string, unknown>;
    assert.ok(validate(a), `${line}\n${JSON.stringify(validate.errors)}`);
    // Keys in the documented order.
    const keys = Object.keys(a);
    assert.deepEqual(keys, documented.filter((k) => keys.includes(k)));
    kinds.add(a.kind as string);
  }
  assert.deepEqual([...kinds].sort(), ['denied-after-deletion', 'hub-restarted', 'recurrence', 'user-deleted']);
});

test('text lines: time, severity, one sentence, where to look', async () => {
  const r = await runCli(['watch', '--every', '0', sample('incident-two-days.log')]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 34);
  for (const l of lines) assert.match(l, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}(INFO|WARNING|ERROR|CRITICAL) +[^\n]+\. {2}\[[^\]]+:\d+\]$/);
  assert.match(lines[1], /The idle culler deleted user frank \(inactive for 1 h 0 min\): if this hub admits users by an allow list, frank will be refused/);
  assert.ok(lines.some((l) => /ERROR +bob was refused at login because the idle culler/.test(l)));
});

test('usage errors exit 2', async () => {
  assert.equal((await runCli(['watch', '--format', 'xml', sample('incident-two-days.log')])).code, 2);
  assert.equal((await runCli(['watch', '--forget-after', '0', sample('incident-two-days.log')])).code, 2);
  const missing = await runCli(['watch', 'no-such-file.log']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no-such-file\.log: no such file/);
});
