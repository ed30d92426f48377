// Property-based tests over the whole pipeline. Invariants, each an assertion that fails:
//   I1  no exception escapes (reading, parsing, correlating, rendering any format);
//   I2  every line is accounted for: parsed + paste artefacts + fragments + unparsed == lines == the
//       bytes' own line count, and
//       the `events` records' `lines` add up to the same number;
//   I3  the findings (incidents + denials) of a valid log do not change when lines that are not hub
//       lines are inserted between its records.
// Seeded (see harness.ts); a failure prints HUBSLEUTH_FUZZ_SEED and fast-check's replay path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { HubEvent } from '../../src/core/model/events.js';
import type { Report } from '../../src/core/model/report.js';
import { sample } from '../helpers/cli.js';
import {
  check, chunked, countLines, enc, eventsOf, findingsOf, envelopeTimes, isRecordStart, parseAlone, renderAll, reportOf, reportOfFiles, sampleText, samplePool,
} from './harness.js';

const POOL = samplePool();
const INCIDENT = sampleText('incident-two-days.log');

/** I2 on one input, through both the `events` path and the `analyze` path. */
async function assertAccounted(bytes: Uint8Array, cuts: number[]): Promise<void> {
  const want = countLines(bytes);
  const ev = await eventsOf(chunked(bytes, cuts));
  assert.equal(ev.lines, want, 'events: stats.lines != line count');
  assert.equal(ev.accounted, ev.lines, 'events: parsed + artifacts + fragments + unparsed != lines');
  assert.equal(ev.events.reduce((n, e) => n + e.lines, 0), want, 'events: sum of record lines != line count');
  const r = await reportOf(chunked(bytes, cuts));
  assert.equal(r.totals.lines, want, 'analyze: totals.lines != line count');
  assert.equal(accounted(r), r.totals.lines, 'analyze: parsed + artifacts + fragments + unparsed != lines');
  renderAll(r);
}

const accounted = (r: Report) => r.totals.parsed + r.totals.artifacts + r.totals.fragments + r.totals.unparsed;

// Bytes that stress the decoder and the line splitter more than uniform noise does.
const nastyByte = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }) },
  { weight: 2, arbitrary: fc.constantFrom(10, 13, 0, 0xff, 0xc3, 0xe2, 0xf0, 0x80, 0x1b, 0x5b, 0x7b, 0x20) },
);
const cutsFor = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 6 });

test('I1+I2: random bytes (invalid UTF-8, NUL, lone CR, ESC) in random chunks', async () => {
  await check(fc.asyncProperty(fc.array(nastyByte, { maxLength: 3000 }), cutsFor(3000), async (arr, cuts) => {
    await assertAccounted(new Uint8Array(arr), cuts);
  }), 60);
});

const sep = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

test('I1+I2: random mixes of valid sample lines, mixed line ends, random chunks', async () => {
  const line = fc.constantFrom(...POOL);
  await check(fc.asyncProperty(fc.array(fc.tuple(line, sep), { minLength: 1, maxLength: 200 }), fc.boolean(), cutsFor(40_000), async (parts, lastEnd, cuts) => {
    const text = parts.map(([l, s], i) => l + (i < parts.length - 1 || lastEnd ? s : '')).join('');
    await assertAccounted(enc(text), cuts);
  }), 60);
});

test('I1+I2: valid lines with NUL, invalid UTF-8 and control bytes spliced in', async () => {
  const line = fc.constantFrom(...POOL);
  const junk = fc.constantFrom([0], [0xff], [0xc3], [0xe2, 0x82], [0x1b, 0x5b, 0x32, 0x4a], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x7f]);
  await check(fc.asyncProperty(fc.array(fc.tuple(line, fc.nat(), junk), { minLength: 1, maxLength: 60 }), cutsFor(20_000), async (parts, cuts) => {
    const bufs: Buffer[] = [];
    for (const [l, at, j] of parts) {
      const b = Buffer.from(l, 'utf8');
      const k = at % (b.length + 1);
      bufs.push(b.subarray(0, k), Buffer.from(j), b.subarray(k), Buffer.from('\n'));
    }
    await assertAccounted(new Uint8Array(Buffer.concat(bufs)), cuts);
  }), 40);
});


// A cut or mid-line fragment may lose its meaning, but never gain a different one.
test('valid lines cut at every position (and pastes starting mid-line) are never misparsed', () => {
  // (`Running JupyterHub version 4.1.5` cut after `4` is a shorter version: no terminator to tell.)
  const KEYED = new Set(['access', 'user-deleted', 'login-refused', 'http-error', 'service-start']);
  const byKind = new Map<string, string[]>();
  for (const l of POOL) {
    const [ev] = parseAlone(l);
    const list = byKind.get(ev.kind) ?? [];
    if (list.length < 6) byKind.set(ev.kind, [...list, l]);
  }
  let checked = 0;
  for (const [kind, lines] of byKind) {
    for (const line of lines) {
      const [whole] = parseAlone(line);
      for (let k = 0; k < line.length; k++) {
        for (const piece of [line.slice(0, k), line.slice(k)]) {
          const evs = parseAlone(piece);
          assert.equal(evs.reduce((n, e) => n + e.lines, 0), 1, `one line in, one line out: ${JSON.stringify(piece)}`);
          const ev = evs[0];
          checked++;
          // An empty or cut piece can lose its meaning (a blank line, a fragment): that is no misreading.
          if (ev.kind === 'unparsed' || ev.kind === 'message' || ev.kind === 'paste-artifact' || ev.kind === 'fragment') continue;
          // A fragment may only parse as what the whole line was (a shorter message of the same kind)...
          assert.equal(ev.kind, kind, `fragment ${JSON.stringify(piece)} of a ${kind} line parsed as ${ev.kind}`);
          // ...and where the grammar has a terminator, with the very same key fields.
          if (KEYED.has(kind)) {
            const pick = (e: HubEvent) => JSON.stringify([(e as { user?: unknown }).user, (e as { target?: unknown }).target, (e as { status?: unknown }).status, (e as { path?: unknown }).path, (e as { version?: unknown }).version]);
            assert.equal(pick(ev), pick(whole), `fragment ${JSON.stringify(piece)} changed the ${kind} fields`);
          }
        }
      }
    }
  }
  assert.ok(checked > 1000);
});

/** Lines that are not hub lines on their own: what a paste or a shared file mixes in. */
const junkLine = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('```', '```text', '$ kubectl logs deploy/hub -n jhub', '[97B blob data]', 'Nov 25 10:00:00 host hub[123]: [97B blob data]',
    '--', '...', 'hub-1  | ', '<img src=x onerror=alert(1)>', '\x1b]0;title\x07', '\x1b[2J', '| a | b |', 'Traceback (most recent call last):',
    '2025-05-14T13:40:02.118734512Z stdout F not a hub line', '{"log":"junk\\n","stream":"stdout","time":"2025-05-14T13:40:02Z"}'),
  fc.constantFrom(...POOL).chain((l) => fc.nat({ max: l.length }).map((k) => l.slice(k))),
).filter((s) => !/[\r\n]/.test(s) && isRecordStart(s) && parseAlone(s).every((e) => e.kind === 'unparsed' || e.kind === 'paste-artifact'));

test('I3: findings of the incident sample do not change when junk lines are inserted between records', async () => {
  const lines = INCIDENT.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const base = findingsOf(await reportOf([enc(INCIDENT)]));
  const starts = lines.map((l, i) => (isRecordStart(l) ? i : -1)).filter((i) => i >= 0);
  await check(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...starts, lines.length), junkLine), { minLength: 1, maxLength: 40 }), async (inserts) => {
    const at = new Map<number, string[]>();
    for (const [i, j] of inserts) at.set(i, [...(at.get(i) ?? []), j]);
    const out: string[] = [];
    for (let i = 0; i <= lines.length; i++) {
      for (const j of at.get(i) ?? []) out.push(j);
      if (i < lines.length) out.push(lines[i]);
    }
    const r = await reportOf([enc(out.join('\n') + '\n')]);
    assert.equal(r.totals.lines, lines.length + inserts.length);
    assert.deepEqual(findingsOf(r), base);
  }), 25);
});

test('I2: a single 50 MB line, then a hub line: counted once, memory bounded, the hub line still parsed', async () => {
  const mb = new Uint8Array(1 << 20).fill(0x61);
  const chunks: Uint8Array[] = Array.from({ length: 50 }, () => mb);
  chunks.push(enc('\n[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.\n'));
  const t0 = Date.now();
  const r = await reportOf(chunks);
  assert.equal(r.totals.lines, 2);
  assert.equal(r.totals.parsed, 1);
  assert.equal(r.totals.unparsed, 1);
  assert.ok(Date.now() - t0 < 20_000, 'a 50 MB line took too long');
});

test('I2: one million empty lines', async () => {
  const r = await reportOf([new Uint8Array(1_000_000).fill(10)]);
  assert.equal(r.totals.lines, 1_000_000);
  // Blank lines are what a paste carries, not records left unread; still, nothing read is nothing
  // ruled out (the CLI writes no report at all for it).
  assert.deepEqual([r.totals.artifacts, r.totals.unparsed], [1_000_000, 0]);
  assert.equal(r.verdict.rootCause, 'inconclusive');
  assert.match(r.verdict.summary, /^No JupyterHub record was read, so nothing can be ruled out\./);
});

test('CR-only line ends give the same findings as LF', async () => {
  const base = findingsOf(await reportOf([enc(INCIDENT)]));
  const cr = enc(INCIDENT.replace(/\n/g, '\r'));
  await check(fc.asyncProperty(cutsFor(cr.length), async (cuts) => {
    const r = await reportOf(chunked(cr, cuts));
    assert.equal(r.totals.lines, countLines(cr));
    assert.deepEqual(findingsOf(r), base);
  }), 5);
});

test('interleaved CRI partial pieces join back into the same records and findings', async () => {
  const lines = INCIDENT.split('\n').filter(Boolean);
  const base = findingsOf(await reportOf([enc(lines.join('\n') + '\n')]));
  await check(fc.asyncProperty(fc.array(fc.nat({ max: 2 }), { minLength: lines.length, maxLength: lines.length }), fc.array(fc.nat(), { maxLength: 300 }), async (splits, noiseAt) => {
    const noise = new Set(noiseAt.map((n) => n % lines.length));
    const out: string[] = [];
    const times = envelopeTimes(lines);
    lines.forEach((l, i) => {
      const t = times[i];
      const n = Math.min(splits[i], l.length > 2 ? 2 : 0);
      const pieces = n === 0 ? [l] : n === 1 ? [l.slice(0, l.length >> 1), l.slice(l.length >> 1)] : [l.slice(0, 1), l.slice(1, l.length - 1), l.slice(l.length - 1)];
      pieces.forEach((p, k) => {
        out.push(`${t} stderr ${k < pieces.length - 1 ? 'P' : 'F'} ${p}`);
        // A CHP-ish stdout line, itself split, between the stderr pieces of one record.
        if (noise.has(i) && k === 0) out.push(`${t} stdout P 12:00:00.000 [Config`, `${t} stdout F Proxy] info: 200 GET /api/routes `);
      });
    });
    const r = await reportOf([enc(out.join('\n') + '\n')]);
    assert.equal(r.totals.lines, out.length);
    assert.equal(accounted(r), r.totals.lines);
    assert.deepEqual(findingsOf(r), base);
  }), 6);
});

test('I1+I2: out-of-order lines and times in 1970, far future or impossible dates', async () => {
  const lines = POOL.filter((l) => l.startsWith('['));
  const year = fc.constantFrom('1970', '1969', '2999', '9999', '0000', '2025');
  const date = fc.tuple(year, fc.constantFrom('01', '02', '12', '00', '13', '99'), fc.constantFrom('01', '29', '31', '00', '32'));
  await check(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...lines), date), { minLength: 1, maxLength: 150 }), async (parts) => {
    const text = parts.map(([l, [y, m, d]]) => l.replace(/^\[([DIWEC]) \d{4}-\d\d-\d\d/, `[$1 ${y}-${m}-${d}`).replace(/^\[([DIWEC]) \d{6}/, `[$1 ${y.slice(2)}${m}${d}`)).join('\n') + '\n';
    await assertAccounted(enc(text), []);
  }), 40);
});

test('the whole log given twice (two inputs) has the findings of one copy', async () => {
  const one = await reportOfFiles([sample('incident-two-days.log')]);
  const two = await reportOfFiles([sample('incident-two-days.log'), sample('incident-two-days.log')], ['a.log', 'b.log']);
  assert.deepEqual(findingsOf(two), findingsOf(one));
  assert.equal(two.totals.lines, 2 * one.totals.lines);
  assert.ok(two.totals.duplicates > 0);
});

test('I1+I2: duplicate lines', async () => {
  const lines = INCIDENT.split('\n').filter(Boolean);
  await check(fc.asyncProperty(fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 50 }), async (dups) => {
    const set = new Set(dups);
    const out: string[] = [];
    lines.forEach((l, i) => {
      out.push(l);
      if (set.has(i)) out.push(l);
    });
    await assertAccounted(enc(out.join('\n') + '\n'), []);
  }), 10);
});

// Found by this suite: ByteLineSplitter (src/ingest/bytes.ts) carries everything up to the next LF
// and caps the carry at MAX_LINE, so a CR-only file over 1 MB loses every line past the first MB.
test('CR-only line ends in a file over 1 MB are all counted', async () => {
  const cr = enc(INCIDENT.repeat(6).replace(/\n/g, '\r'));
  const r = await reportOf([cr]);
  assert.equal(r.totals.lines, countLines(cr));
});
