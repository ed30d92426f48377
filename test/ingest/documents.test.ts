// Whole-document exports (parsers/envelopes/documents/): each sample document, in the shape its
// platform documents, is found by its path and split into its records wherever the reads cut it;
// one JSON object per line and hub lines are not mistaken for a document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_EXPORTS } from '../../parsers/envelopes/documents/index.js';
import { InputDecoder } from '../../src/ingest/decode.js';
import { documentStart } from '../../src/ingest/json-array.js';
import { iso } from '../../src/core/time.js';
import type { HubEvent } from '../../src/core/model/events.js';

function decode(chunks: string[]): HubEvent[] {
  const out: HubEvent[] = [];
  const d = new InputDecoder('x', (e) => out.push(e), { mode: 'all' });
  for (const c of chunks) d.push(Buffer.from(c));
  d.end();
  return out;
}

const records = (evs: HubEvent[]) => evs.map((e) => ({ envelope: e.envelope, text: e.raw, t: Number.isFinite(e.t) ? iso(e.t) : undefined }));

test('every document sample is told by its first bytes and read as its records, at every split', () => {
  for (const d of DOCUMENT_EXPORTS) {
    assert.ok(d.samples.length > 0, `${d.id}: no samples`);
    for (const s of d.samples) {
      assert.equal(documentStart(Buffer.from(s.document)), d, `${d.id}: not recognised`);
      const whole = decode([s.document]);
      assert.deepEqual(records(whole), s.records.map((r) => ({ envelope: r.envelope, text: r.text, t: r.t })), d.id);
      // Every physical line belongs to exactly one record.
      assert.equal(whole.reduce((n, e) => n + e.lines, 0), s.document.split('\n').length - (s.document.endsWith('\n') ? 1 : 0), `${d.id}: lines`);
      for (let i = 1; i < s.document.length; i += 7) {
        assert.deepEqual(records(decode([s.document.slice(0, i), s.document.slice(i)])), records(whole), `${d.id}: split at ${i}`);
      }
    }
  }
});

test('one JSON object per line, hub lines and other JSON are not documents', () => {
  assert.equal(documentStart(Buffer.from('{"log":"[I 2025-05-14 08:00:00.100 JupyterHub app:2859] Running JupyterHub version 4.1.5\\n","stream":"stderr","time":"2025-05-14T08:00:00.1Z"}\n{"log"')), false);
  assert.equal(documentStart(Buffer.from('[I 2025-05-14 08:00:00.100 JupyterHub app:2859] Running JupyterHub version 4.1.5\n')), false);
  assert.equal(documentStart(Buffer.from('{"name":"hubsleuth","scripts":{"test":"x"},"files":["dist"]}')), false);
  // Undecided until the bytes tell: a pipe may deliver `{"hits":{` first.
  assert.equal(documentStart(Buffer.from('{"took":3,"hits":{"total":{"value":2},')), null);
  assert.equal(documentStart(Buffer.from('{"took":3,"hits":{"total":{"value":2},"hits":[')), DOCUMENT_EXPORTS.find((d) => d.id === 'es-search'));
  // A key of the same name deeper down is not the records array.
  assert.equal(documentStart(Buffer.from('{"aggregations":{"events":[{"a":1}]}}')), false);
});

test('two AWS pages written one after the other are both read', () => {
  const page = DOCUMENT_EXPORTS.find((d) => d.id === 'aws-log-events')!.samples[0].document;
  const evs = decode([page + page]);
  assert.equal(evs.filter((e) => e.envelope === 'cloudwatch').length, 2);
});
