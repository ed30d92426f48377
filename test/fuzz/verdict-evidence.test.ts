// An all-clear stands on evidence: drop any subset of a log's hub records (a window cut out of it,
// or records scattered through it) and the verdict is `none` with high confidence only when what is
// left holds what that verdict needs: records, most of them understood, and either the culler's
// argv without --cull-users, the culler's own requests refused, or one cull cycle of span. What is
// left is judged from its own events, not from the report's evidence block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { HubEvent } from '../../src/core/model/events.js';
import { ROOT } from '../helpers/cli.js';
import { check, enc, eventsOf, reportOf, sampleText } from './harness.js';

/** The chart's cull.timeout + cull.every, in ms, when no culler argv says otherwise. */
const CHART_CYCLE_MS = (3600 + 600) * 1000;

const SAMPLES = [
  ...readdirSync(join(ROOT, 'samples')).filter((f) => /\.(log|ndjson|jsonl)$/.test(f)),
  ...readdirSync(join(ROOT, 'samples', 'real')).filter((f) => f.endsWith('.log')).map((f) => `real/${f}`),
].sort();

/** What an all-clear needs, read off the events of what is left. */
function holdsEvidence(ev: { events: HubEvent[]; parsed: number; unparsed: number }): boolean {
  const records = ev.events.filter((e) => e.kind !== 'unparsed');
  if (records.length === 0 || ev.parsed < 0.5 * (ev.parsed + ev.unparsed)) return false;
  const argv = records.flatMap((e) => (e.kind === 'service-start' && e.culler ? [e.culler] : []));
  if (argv.some((c) => !c.cullUsers)) return true;
  if (records.some((e) => e.kind === 'access' && e.status === 403 && e.user !== null && /cull/.test(e.user))) return true;
  const times = records.map((e) => e.t).filter(Number.isFinite);
  const last = argv.at(-1);
  const cycle = last && last.timeoutSeconds !== null && last.everySeconds !== null ? (last.timeoutSeconds + last.everySeconds) * 1000 : CHART_CYCLE_MS;
  return times.length > 0 && Math.max(...times) - Math.min(...times) >= cycle;
}

/** The sample's lines, grouped as its records (a record and its continuation lines go together). */
async function recordsOf(text: string): Promise<{ lines: string[]; groups: Array<[number, number]> }> {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const { events } = await eventsOf([enc(text)]);
  const groups = events.filter((e) => e.kind !== 'unparsed').map((e): [number, number] => [e.line - 1, e.lines]);
  return { lines, groups };
}

/** Which records to drop: each with probability `p`, or all but a window of them. */
const drops = fc.oneof(
  fc.record({ kind: fc.constant('scatter' as const), p: fc.double({ min: 0, max: 1, noNaN: true }), seed: fc.integer() }),
  fc.record({ kind: fc.constant('window' as const), from: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

type Drop = typeof drops extends fc.Arbitrary<infer T> ? T : never;

function dropped(groups: number, d: Drop): Set<number> {
  const out = new Set<number>();
  if (d.kind === 'window') {
    const from = Math.floor(d.from * groups);
    const to = from + Math.ceil(d.size * (groups - from));
    for (let g = 0; g < groups; g++) if (g < from || g >= to) out.add(g);
    return out;
  }
  let x = d.seed >>> 0 || 1;
  for (let g = 0; g < groups; g++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; // xorshift32: the same subset for the same seed
    if (x / 2 ** 32 < d.p) out.add(g);
  }
  return out;
}

for (const name of SAMPLES) {
  test(`${name}: dropping hub records never leaves an all-clear without its evidence`, async () => {
    const { lines, groups } = await recordsOf(sampleText(name));
    await check(fc.asyncProperty(drops, async (d) => {
      const gone = dropped(groups.length, d);
      const skip = new Set<number>();
      for (const g of gone) for (let k = 0; k < groups[g][1]; k++) skip.add(groups[g][0] + k);
      const text = lines.filter((_, i) => !skip.has(i)).join('\n') + '\n';
      const report = await reportOf([enc(text)]);
      if (report.verdict.rootCause !== 'none' || report.verdict.confidence !== 'high') return;
      assert.ok(holdsEvidence(await eventsOf([enc(text)])), `none (high) from ${lines.length - skip.size} lines without the evidence: ${report.verdict.summary}`);
    }), 30);
  });
}

test('the property has teeth: some subsets of the healthy sample still hold an all-clear, others do not', async () => {
  const text = sampleText('healthy-servers-only.log');
  const whole = await reportOf([enc(text)]);
  assert.deepEqual([whole.verdict.rootCause, whole.verdict.confidence], ['none', 'high']);
  const { lines, groups } = await recordsOf(text);
  const firstTwo = lines.slice(0, groups[2][0]).join('\n') + '\n';
  const cut = await reportOf([enc(firstTwo)]);
  assert.equal(cut.verdict.rootCause, 'inconclusive', cut.verdict.summary);
});
