// One input through readSource: binary junk and gzip, as the CLI reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../src/ingest/read.js';
import { parse, fixture, countLines } from '../parsers/helpers.js';

test('binary junk: every line is an unparsed event with its bytes replaced, nothing thrown', async () => {
  const junk = Buffer.concat([
    Buffer.from([0x00, 0x00, 0xff, 0xfe, 0x0a]),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), // a PNG header: CRLF, SUB, LF
    Buffer.from('[I 2025-05-14 10:00:02.000 JupyterHub log:192] 200 GET /hub/home (alice@10.0.2.15) 5.00ms\n'),
    Buffer.from([0x1f, 0x00, 0xc3, 0x28, 0x0a]),
  ]);
  const { events, stats, error } = await parse(junk);
  assert.equal(error, null);
  assert.deepEqual(events.map((e) => [e.line, e.kind]), [[1, 'unparsed'], [2, 'unparsed'], [3, 'unparsed'], [4, 'access'], [5, 'unparsed']]);
  assert.equal(events[0].text, '\u0000\u0000\uFFFD\uFFFD');
  assert.equal(events[4].text, '\u001f\u0000\uFFFD(');
  assert.deepEqual([stats.lines, stats.parsed, stats.unparsed], [5, 1, 4]);
});

const pieces = (b: Buffer, n: number): Buffer[] => {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += n) out.push(b.subarray(i, i + n));
  return out;
};

test('gzip is recognised by its magic bytes, even when a pipe delivers it a byte or a few at a time', async () => {
  const text = readFileSync(fixture('interleaved.log'));
  const gz = gzipSync(text);
  const plain = await parse(text);
  for (const n of [1, 2, 5, 4096]) {
    const zipped = await parse(pieces(gz, n));
    assert.equal(zipped.error, null);
    assert.equal(zipped.stats.lines, countLines(text.toString('utf8')), `reads of ${n} bytes`);
    assert.deepEqual(zipped.events.map((e) => [e.line, e.kind, e.text]), plain.events.map((e) => [e.line, e.kind, e.text]), `reads of ${n} bytes`);
  }
});

test('a first read of just `[` decides nothing: a hub log stays a line log, a gcloud array stays an array', async () => {
  const hub = readFileSync(fixture('interleaved.log'));
  const whole = await parse(hub);
  const split = await parse([hub.subarray(0, 1), hub.subarray(1)]);
  assert.deepEqual(split.events.map((e) => [e.line, e.lines, e.kind]), whole.events.map((e) => [e.line, e.lines, e.kind]));
  const arr = readFileSync(fixture('cloud-logging-array.json'));
  const arrSplit = await parse([arr.subarray(0, 1), arr.subarray(1, 4), arr.subarray(4)]);
  assert.deepEqual(arrSplit.events.map((e) => [e.line, e.lines, e.kind, e.envelope]), [[1, 19, 'login-refused', 'cloud-logging'], [20, 16, 'user-deleted', 'cloud-logging']]);
});

test('tiny inputs: `[` alone, `[]`, one byte', async () => {
  assert.deepEqual((await parse('[')).events.map((e) => [e.line, e.lines, e.kind]), [[1, 1, 'unparsed']]);
  assert.deepEqual((await parse('[]\n')).events.map((e) => [e.line, e.lines, e.kind]), [[1, 1, 'unparsed']]);
  assert.deepEqual((await parse('x')).events.map((e) => [e.line, e.lines, e.kind, e.text]), [[1, 1, 'unparsed', 'x']]);
  assert.deepEqual((await parse('')).events, []);
});

test('truncated gzip: the events before the cut are kept and the error names it', async () => {
  const gz = gzipSync(readFileSync(fixture('interleaved.log')));
  const { events, error } = await parse(gz.subarray(0, gz.length - 20));
  assert.ok(error, 'a read error is reported');
  assert.match(error.message, /^test: (gzip data is truncated|corrupt gzip data)/);
  assert.ok(events.length > 0);
});

test('a plain file is read in one reused buffer: lines across reads, a line longer than a read, a range', async (t) => {
  const hub = readFileSync(fixture('interleaved.log'));
  // 1 MB reads: the long line (text that differs all along, kept up to 1 MiB) covers a whole read
  // with no line end in it, and the fixture lines after it fall across read boundaries.
  const words = Array.from({ length: 520_000 }, (_, i) => i.toString(36)).join(' ');
  const long = Buffer.from(`[W 2025-05-14 10:00:01.000 JupyterHub log:192] ${words}\n`);
  const bytes = Buffer.concat([hub, long, ...Array.from({ length: 400 }, () => hub)]);
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-read-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'hub.log');
  writeFileSync(file, bytes);
  const read = async (range?: { start: number; end: number }) => {
    const run: { error: null | Error } = { error: null };
    const events = [];
    for await (const batch of readSource({ name: 'test', path: file, range }, run as never, { mode: 'all' })) events.push(...batch);
    return { events, error: run.error };
  };
  const fromFile = await read();
  const inMemory = await parse(bytes);
  assert.equal(fromFile.error, null);
  assert.equal(fromFile.events.length, inMemory.events.length);
  assert.deepEqual(fromFile.events.map((e) => [e.line, e.kind, e.raw]), inMemory.events.map((e) => [e.line, e.kind, e.raw]));
  // a part: the bytes of the range only
  const start = hub.length + long.length;
  const part = await read({ start, end: start + 3 * hub.length });
  assert.deepEqual(part.events.map((e) => e.raw), (await parse(Buffer.concat([hub, hub, hub]))).events.map((e) => e.raw));
});
