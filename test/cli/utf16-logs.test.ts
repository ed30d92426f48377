// A log saved by PowerShell (`kubectl logs … > hub.log` writes UTF-16LE with a byte order mark and
// CRLF) is the same log: it reads as text, with the same story as its UTF-8 original.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, sample } from '../helpers/cli.js';

// Every folder a test makes is removed when the file's tests are done.
const folders: string[] = [];
const made = (dir: string): string => (folders.push(dir), dir);
after(() => {
  for (const d of folders) rmSync(d, { recursive: true, force: true });
});

const TEXT = readFileSync(sample('incident-two-days.log'), 'utf8');

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

/** The report of `bytes` saved as hub.log in a folder of its own (reports name their input). */
async function story(bytes: string | Buffer, extra: string[] = [], env?: Record<string, string>): Promise<unknown> {
  const cwd = made(mkdtempSync(join(tmpdir(), 'hubsleuth-utf16-')));
  writeFileSync(join(cwd, 'hub.log'), bytes);
  const r = await runCli(['analyze', '--format', 'json', ...extra, 'hub.log'], { env, cwd });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const { tool: _tool, ...report } = JSON.parse(r.stdout) as Record<string, unknown>;
  return report;
}

test('UTF-16 with a byte order mark (little and big endian, CRLF as PowerShell writes): the same report as UTF-8', async () => {
  const expected = await story(TEXT);
  assert.deepEqual(await story(utf16(TEXT.replace(/\n/g, '\r\n'), 'le')), expected, 'UTF-16LE, CRLF');
  assert.deepEqual(await story(utf16(TEXT, 'be')), expected, 'UTF-16BE');
});

test('UTF-16 through standard input, and with worker threads (not split at a byte offset)', async () => {
  const expected = await story(TEXT);
  assert.deepEqual(await story(utf16(TEXT, 'le'), ['-j', '2'], { HUBSLEUTH_SPLIT_MIN_BYTES: '1' }), expected);
  const r = await runCli(['events', '-'], { input: utf16(TEXT, 'le') });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { lines: number; kind: string });
  assert.equal(lines.reduce((n, e) => n + e.lines, 0), TEXT.split('\n').length - 1);
  assert.ok(lines.every((e) => e.kind !== 'unparsed'));
});
