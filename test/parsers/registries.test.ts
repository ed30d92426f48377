// Every registered envelope, JSON export, line shape and message parser carries sample lines; each
// sample must come out as stated, be claimed by its own entry, and (for messages) carry one of its
// parser's needles, so that `analyze` and `hubsleuth filter` keep it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVELOPES, unwrap } from '../../parsers/envelopes/index.js';
import { JSON_EXPORTS, unwrapJsonObject } from '../../parsers/envelopes/json/index.js';
import { DOCUMENT_EXPORTS } from '../../parsers/envelopes/documents/index.js';
import { SHAPES, parseShape } from '../../parsers/shapes/index.js';
import { MESSAGE_PARSERS } from '../../parsers/messages/index.js';
import { ARTIFACTS, artifactOf } from '../../parsers/artifacts/index.js';
import { PLACED_ARTIFACTS } from '../../parsers/assembly/paste-context.js';
import { pushdownRegex } from '../../parsers/needles.js';
import { RecordParser } from '../../parsers/record.js';
import { stripAnsi } from '../../src/core/text.js';
import { iso, UTC } from '../../src/core/time.js';
import type { HubEvent } from '../../src/core/model/events.js';
import { ROOT } from '../helpers/cli.js';

const isoOrUndefined = (t: number) => (Number.isFinite(t) ? iso(t) ?? undefined : undefined);

test('every envelope sample unwraps as stated, and by its own entry', () => {
  for (const env of ENVELOPES) {
    assert.ok(env.samples.length > 0, `${env.title}: no samples`);
    for (const s of env.samples) {
      const u = unwrap(s.line);
      assert.equal(u.envelope, s.envelope, s.line);
      assert.equal(u.text, s.text, s.line);
      assert.equal(isoOrUndefined(u.t), s.t, s.line);
      assert.ok(env.ids.includes(u.envelope), `${s.line} gave ${u.envelope}, not one of ${env.ids.join(', ')}`);
      assert.ok(env.unwrap(s.line), `${env.title} must claim its own sample: ${s.line}`);
      assert.ok(env.starts === '' || env.starts.includes(s.line[0]), `${env.title}: sample starts with a character its 'starts' does not admit`);
    }
  }
});

test('every paste artefact sample is named by its own entry, and no hub line is one', () => {
  for (const a of ARTIFACTS) {
    assert.ok(a.samples.length > 0, `${a.id}: no samples`);
    for (const s of a.samples) {
      assert.equal(artifactOf(s, false), a.id, JSON.stringify(s));
      assert.ok(a.test(s), `${a.id} must claim its own sample: ${JSON.stringify(s)}`);
    }
  }
  for (const shape of SHAPES) for (const s of shape.samples) assert.equal(artifactOf(stripAnsi(s.line), false), null, s.line);
});

test('the event schema lists every paste artefact kind', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/event-v1.schema.json'), 'utf8')) as { allOf: Array<{ then: { properties?: Record<string, { enum?: string[] }> } }> };
  const listed = schema.allOf.map((c) => c.then.properties?.artifact?.enum).find((e) => e !== undefined);
  assert.deepEqual([...(listed ?? [])].sort(), [...ARTIFACTS.map((a) => a.id), ...PLACED_ARTIFACTS.map((a) => a.id)].sort());
});

test('every JSON export sample is recognised by its own entry', () => {
  for (const x of JSON_EXPORTS) {
    for (const s of x.samples) {
      const o = JSON.parse(s.line) as Record<string, unknown>;
      assert.equal(unwrapJsonObject(o)?.envelope, x.id, s.line);
      assert.equal(x.unwrap(o, unwrapJsonObject)?.text, s.text, s.line);
    }
  }
});

test('every line-shape sample parses as stated, and by its own entry', () => {
  for (const shape of SHAPES) {
    assert.ok(shape.samples.length > 0, `${shape.title}: no samples`);
    for (const s of shape.samples) {
      const text = stripAnsi(s.line);
      const p = parseShape(text, UTC);
      assert.ok(p, s.line);
      assert.equal(p.shape, s.shape, s.line);
      assert.equal(p.msg, s.msg, s.line);
      if (s.level) assert.equal(p.level, s.level, s.line);
      assert.equal(isoOrUndefined(p.t), s.t, s.line);
      assert.ok(shape.parse(text, UTC), `${shape.title} must claim its own sample: ${s.line}`);
      assert.ok(shape.ids.includes(p.shape));
    }
  }
});

function needed(line: string): HubEvent[] {
  const out: HubEvent[] = [];
  const p = new RecordParser('x', (e) => out.push(e), { mode: 'needed' });
  const b = Buffer.from(line);
  p.pushBytes(b, 0, b.length, 1);
  p.flush();
  return out;
}

test('every message sample is kept by analyze (bytes and string paths) and by the push-down filter', () => {
  const filter = new RegExp(pushdownRegex());
  for (const mp of MESSAGE_PARSERS) {
    assert.ok(mp.needles.length > 0, `${mp.name}: no needles`);
    for (const s of mp.samples) {
      assert.match(s.line, filter, `filter drops a sample of ${mp.name}`);
      const docker = JSON.stringify({ log: s.line + '\n', stream: 'stderr', time: '2025-05-14T13:40:02.118Z' });
      for (const line of [s.line, `2025-05-14T13:40:02.118734512Z ${s.line}`, docker]) {
        // A sample may be an event analyze does not need (an anonymous redirect, a failed login that
        // names nobody): that is the needles' decision, held against the parsers by the noise-rule
        // fuzz test (test/fuzz/noise-rule.test.ts).
        const evs = needed(line);
        if ((s.kind === 'access' || s.kind === 'login-failed') && evs.length === 0) continue;
        assert.equal(evs[0]?.kind, s.kind, `${mp.name} sample dropped or misread in needed mode: ${line}`);
      }
    }
  }
});

test('`help formats`, the README and the event schema name every envelope and shape', async () => {
  const { HELP_TOPICS } = await import('../../src/cli/help-topics.js');
  const help = HELP_TOPICS.formats.text.replace(/\s+/g, ' ');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/event-v1.schema.json'), 'utf8')) as { properties: Record<string, { description: string }> };
  const envIds = [...new Set(['plain', ...ENVELOPES.flatMap((e) => e.ids)])];
  const shapeIds = [...new Set(SHAPES.flatMap((s) => s.ids)), 'none'];
  for (const id of envIds) assert.ok(help.includes(id), `help formats does not name envelope ${id}`);
  for (const s of SHAPES) assert.ok(help.includes(s.title), `help formats does not show shape ${s.title}`);
  for (const e of ENVELOPES) assert.ok(help.includes(e.title), `help formats does not show envelope ${e.title}`);
  for (const a of [...ARTIFACTS, ...PLACED_ARTIFACTS]) assert.ok(help.includes(a.title), `help formats does not show paste artefact ${a.id}`);
  assert.deepEqual(schema.properties.envelope.description.split(' | ').sort(), [...envIds].sort());
  assert.deepEqual(schema.properties.shape.description.split(' | ').sort(), [...shapeIds].sort());
  const table = readme.slice(readme.indexOf('## What it recognises'), readme.indexOf('## Performance')).replace(/\\([|_])/g, '$1');
  for (const e of ENVELOPES) assert.ok(table.includes(e.title), `README "What it recognises" lacks envelope: ${e.title}`);
  for (const s of SHAPES) assert.ok(table.includes(s.versions), `README "What it recognises" lacks shape versions: ${s.versions}`);
  for (const d of DOCUMENT_EXPORTS) {
    assert.ok(help.includes(d.title), `help formats does not show document export ${d.title}`);
    assert.ok(table.includes(d.title), `README "What it recognises" lacks document export: ${d.title}`);
  }
});
