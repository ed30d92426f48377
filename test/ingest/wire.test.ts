// Events cross from worker threads in the wire form (src/ingest/wire.ts): decoding must give back
// the very objects the parser made, for every kind of record the samples hold, and for strings
// that latin1 or UTF-8 would not carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordParser } from '../../parsers/record.js';
import { WireDecoder, WireEncoder } from '../../src/ingest/wire.js';
import type { HubEvent } from '../../src/events.js';
import { ROOT } from '../helpers/cli.js';

function parse(text: string, mode: 'all' | 'needed'): HubEvent[] {
  const out: HubEvent[] = [];
  const p = new RecordParser('hub.log', (ev) => out.push(ev), { mode });
  const b = Buffer.from(text, 'utf8');
  let s = 0;
  let n = 0;
  while (s < b.length) {
    let e = b.indexOf(10, s);
    if (e < 0) e = b.length;
    p.pushBytes(b, s, e, ++n);
    s = e + 1;
  }
  p.flush();
  return out;
}

/** Encodes in batches of `every` events (one encoder, one decoder, as a worker and its reader). */
function roundTrip(events: HubEvent[], every: number, lineOffset = 0): HubEvent[] {
  const enc = new WireEncoder();
  const dec = new WireDecoder();
  const out: HubEvent[] = [];
  for (const ev of events) {
    enc.add(ev);
    if (enc.count >= every) dec.decode(enc.take(), lineOffset, out);
  }
  dec.decode(enc.take(), lineOffset, out);
  return out;
}

const logs = [
  ...readdirSync(join(ROOT, 'samples')).filter((f) => /\.(log|json|jsonl|ndjson)$/.test(f) && !f.endsWith('expected.json')).map((f) => join(ROOT, 'samples', f)),
  ...readdirSync(join(ROOT, 'samples/real')).filter((f) => f.endsWith('.log')).map((f) => join(ROOT, 'samples/real', f)),
];

test('every sample: decoded events equal the parsed ones, key for key, in both parser modes', () => {
  let kinds = new Set<string>();
  for (const file of logs) {
    for (const mode of ['all', 'needed'] as const) {
      const events = parse(readFileSync(file, 'utf8'), mode);
      for (const every of [1, 7, 100_000]) {
        const back = roundTrip(events, every);
        assert.equal(back.length, events.length, `${file} ${mode}`);
        for (let i = 0; i < events.length; i++) {
          assert.deepStrictEqual(back[i], events[i], `${file} ${mode} event ${i}`);
          assert.deepStrictEqual(Object.keys(back[i]), Object.keys(events[i]), `${file} key order`);
        }
      }
      kinds = new Set([...kinds, ...events.map((e) => e.kind)]);
    }
  }
  // The samples cover the kinds with nested values (argv, culler options) and optional keys.
  for (const k of ['service-start', 'hub-start', 'user-deleted', 'culler-culled-user', 'login-refused', 'http-error', 'message', 'unparsed']) assert.ok(kinds.has(k), k);
});

test('strings latin1 cannot carry survive: wide characters, a lone surrogate, NUL, and long names', () => {
  const base = parse('[W 2025-05-14 13:40:02.120 JupyterHub auth:534] User \'x\' not allowed.\n', 'all')[0];
  const names = ['zoë', '山田太郎', 'bad\ud800half', 'nul\u0000byte', 'emoji😀', 'x'.repeat(300)];
  const events = names.map((user, i) => ({ ...base, line: i + 1, user, raw: base.raw.replace("'x'", `'${user}'`), text: `User '${user}' not allowed.` }) as HubEvent);
  const back = roundTrip(events, 2);
  assert.deepStrictEqual(back, events);
});

test('a part of a file: its line numbers run on from the parts before it', () => {
  const events = parse(readFileSync(join(ROOT, 'samples/incident-two-days.log'), 'utf8'), 'needed').slice(0, 50);
  const back = roundTrip(events, 10, 1000);
  assert.deepStrictEqual(back.map((e) => e.line), events.map((e) => e.line + 1000));
});
