// Bytes → physical lines: every line end (LF, CRLF, bare CR) counts once, wherever the reads split
// the bytes; invalid UTF-8 becomes U+FFFD instead of an exception; a huge line is cut, not buffered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteLineSplitter, MAX_LINE as MAX_LINE_BYTES } from '../../src/ingest/bytes.js';

// One splitter feeds every command (`analyze`, `events`, `watch`); the table keeps room for another.
type Split = (chunks: Array<string | Buffer>) => Array<[number, string]>;

const SPLITTERS: Array<[string, Split, number]> = [
  ['ByteLineSplitter', (chunks) => {
    const out: Array<[number, string]> = [];
    const s = new ByteLineSplitter((b, start, end, n) => out.push([n, b.toString('utf8', start, end)]));
    for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
    s.end();
    return out;
  }, MAX_LINE_BYTES],
];

for (const [name, split, maxLine] of SPLITTERS) {

  /** Every way of cutting `bytes` into two reads must give the same lines. */
  const everySplit = (bytes: Buffer, want: Array<[number, string]>): void => {
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(split([bytes.subarray(0, i), bytes.subarray(i)]), want, `split at byte ${i}`);
    }
  };

  test(`${name}: LF, CRLF and bare CR each end one line; a last line without a newline counts`, () => {
    everySplit(Buffer.from('a\nb\r\nc\rd'), [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
  });

  test(`${name}: empty lines are lines; empty input has none`, () => {
    assert.deepEqual(split(['']), []);
    assert.deepEqual(split(['\n']), [[1, '']]);
    everySplit(Buffer.from('\r\n\r\nx\r\n'), [[1, ''], [2, ''], [3, 'x']]);
    everySplit(Buffer.from('x\r\ry'), [[1, 'x'], [2, ''], [3, 'y']]);
  });

  test(`${name}: invalid UTF-8 bytes become U+FFFD; a multi-byte character split across reads survives`, () => {
    everySplit(Buffer.from([0x61, 0xff, 0x62, 0x0a, 0xe2, 0x82, 0x0a, 0xe2, 0x82, 0xac, 0x0a]), [[1, 'a\uFFFDb'], [2, '\uFFFD'], [3, '\u20AC']]);
  });

  test(`${name}: NUL and other control bytes stay inside their line (no line end, no crash)`, () => {
    everySplit(Buffer.from([0x00, 0x01, 0x1b, 0x5b, 0x7f, 0x0a, 0x0b, 0x0c, 0x0a]), [[1, '\u0000\u0001\u001b[\u007f'], [2, '\u000b\u000c']]);
  });

  test(`${name}: a line longer than MAX_LINE is cut to MAX_LINE and still counts as one line`, () => {
    const long = 'x'.repeat(maxLine + 1000);
    const chunks = [long.slice(0, 300_000), long.slice(300_000, 900_000), long.slice(900_000) + '\nnext\n'];
    const out = split(chunks);
    assert.equal(out.length, 2);
    assert.deepEqual([out[0][0], out[0][1].length], [1, maxLine]);
    assert.deepEqual(out[1], [2, 'next']);
  });
}
