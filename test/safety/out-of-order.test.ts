// A line far out of order is read where it came and reported, not a reason to hold the rest of the
// input in memory; the report's conclusions stay those of the ordered log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, sample } from '../helpers/cli.js';

interface Finding { kind: string; severity: string; summary: string; evidence: Array<{ line: number; text: string }> }
interface Report { incidents: unknown[]; denials: unknown[]; findings: Finding[] }

const analyze = async (input: string) => {
  const r = await runCli(['analyze', '--exit-zero', '--format', 'json', '-'], { input });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
};

test('one line sixteen hours out of order: an out-of-order warning naming it, and the same incidents and refusals', async () => {
  const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split('\n');
  // A login from early on the first day, written again the next day (further than one read's batch, which is sorted whole).
  const early = lines.findIndex((l) => l.startsWith('[I 2025-05-13 08:') && l.includes('User logged in:'));
  const later = lines.findIndex((l) => l.startsWith('[I 2025-05-14 00:'));
  assert.ok(early > 0 && later > early);
  const moved = [...lines];
  const [line] = moved.splice(early, 1);
  moved.splice(later, 0, line);
  const [plain, shuffled] = await Promise.all([analyze(lines.join('\n')), analyze(moved.join('\n'))]);

  const ooo = shuffled.findings.filter((f) => f.kind === 'out-of-order');
  assert.equal(ooo.length, 1);
  assert.equal(ooo[0].severity, 'warning');
  assert.match(ooo[0].summary, /^1 record of - came after records up to \d+(\.\d+)? s later than them: they were read where they came/);
  assert.deepEqual(ooo[0].evidence.map((e) => [e.line, e.text]), [[later + 1, line]]);
  assert.equal(plain.findings.some((f) => f.kind === 'out-of-order'), false);
  // Lines between the two places moved up by one; everything else is the same.
  const noLines = (x: unknown) => JSON.stringify(x, (k, v: unknown) => (k === 'line' ? undefined : v));
  assert.equal(noLines(shuffled.incidents), noLines(plain.incidents));
  assert.equal(shuffled.denials.length, plain.denials.length);
});

test('the text report shows the out-of-order warning', async () => {
  const lines = readFileSync(sample('incident-two-days.log'), 'utf8').split('\n');
  const early = lines.findIndex((l) => l.startsWith('[I 2025-05-13 08:') && l.includes('User logged in:'));
  const later = lines.findIndex((l) => l.startsWith('[I 2025-05-14 00:'));
  const [line] = lines.splice(early, 1);
  lines.splice(later, 0, line);
  const r = await runCli(['analyze', '--wide', '--exit-zero', '-'], { input: lines.join('\n') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 record of - came after records up to/);
});
