// lnav-style: every message parser carries real-shaped sample lines with the kind each must give.
// Each sample goes through the whole RecordParser (envelope, shape, message), so a prefix or
// ordering change that steals a sample from its module fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordParser } from '../../parsers/record.js';
import { MESSAGE_PARSERS } from '../../parsers/messages/index.js';
import { parseShape } from '../../parsers/shapes/index.js';
import { stripAnsi } from '../../src/core/text.js';
import { UTC } from '../../src/core/time.js';
import { EVENT_KINDS, type HubEvent, type HubEventKind } from '../../src/core/model/events.js';

function parseOne(line: string): HubEvent[] {
  const out: HubEvent[] = [];
  const rp = new RecordParser('samples', (ev) => out.push(ev));
  rp.push(line, 1);
  rp.flush();
  return out;
}

for (const mp of MESSAGE_PARSERS) {
  test(`message parser '${mp.name}': every sample gives its kind`, () => {
    assert.ok(mp.samples.length > 0, `${mp.name} has no samples`);
    for (const s of mp.samples) {
      const evs = parseOne(s.line);
      assert.equal(evs.length, 1, s.line);
      const ev = evs[0];
      assert.equal(ev.kind, s.kind, s.line);
      assert.equal(ev.line, 1);
      assert.equal(ev.lines, 1);
      assert.notEqual(ev.shape, 'none', s.line);
      // The sample belongs to this module, not to one tried earlier in the chain.
      const text = stripAnsi(s.line);
      const p = parseShape(text, UTC);
      assert.ok(p, s.line);
      assert.equal(mp.parse(p.msg, p)?.kind, s.kind, `${mp.name} itself must claim: ${s.line}`);
    }
  });
}

test('together the samples cover every event kind a message can produce', () => {
  const covered = new Set<HubEventKind>(MESSAGE_PARSERS.flatMap((mp) => mp.samples.map((s) => s.kind)));
  // Paste artefacts and fragments are what the record assembly names, not messages; Kubernetes
  // Events come whole from their own export, not from a message.
  const notMessages = new Set<HubEventKind>(['message', 'unparsed', 'paste-artifact', 'fragment', 'k8s-event']);
  const missing = EVENT_KINDS.filter((k) => !notMessages.has(k) && !covered.has(k));
  assert.deepEqual(missing, []);
});
