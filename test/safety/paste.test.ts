// Pasted logs: the hub/culler line is recognised inside the wrappers people paste
// (syslog/journald, docker compose), padding and code fences do not matter, and what is not a hub
// line (blob placeholders, wrapped tails, a fragment at the start) stays unparsed, never misparsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enc, eventsOf, findingsOf, envelopeTimes, reportOf, sampleText } from '../fuzz/harness.js';

const LINES = sampleText('incident-two-days.log').split('\n').filter(Boolean);
const joinLines = (ls: string[]) => enc(ls.join('\n') + '\n');

async function assertSameFindings(wrapped: string[], extraUnparsed = 0): Promise<void> {
  const base = await reportOf([joinLines(LINES)]);
  const r = await reportOf([joinLines(wrapped)]);
  assert.deepEqual(findingsOf(r), findingsOf(base));
  assert.equal(r.totals.lines, wrapped.length);
  assert.equal(r.totals.unparsed, base.totals.unparsed + extraUnparsed);
}

test('syslog / journalctl short and short-precise prefixes', async () => {
  await assertSameFindings(LINES.map((l, i) => `Nov ${i % 2 ? '25' : ' 5'} 10:00:0${i % 10}${i % 3 ? '' : '.123456'} hub-host hub[123]: ${l}`));
});

test('journalctl short-iso prefixes (+0000 and +00:00)', async () => {
  // journald's own time is when the line was written: the line's time (the envelope time wins).
  const times = envelopeTimes(LINES);
  await assertSameFindings(LINES.map((l, i) => {
    const t = times[i];
    return `${t.slice(0, 26)}${i % 2 ? '+0000' : '+00:00'} node-1 jupyterhub[99]: ${l}`;
  }));
});

test('docker compose prefixes, coloured and with --timestamps', async () => {
  await assertSameFindings(LINES.map((l, i) => (i % 2 ? `hub-1  | ${l}` : `\x1b[36mhub-1  |\x1b[0m ${l}`)));
  const times = envelopeTimes(LINES);
  await assertSameFindings(LINES.map((l, i) => `hub-1  | ${times[i]} ${l}`));
});

test('right-padded lines and a code fence around the paste', async () => {
  await assertSameFindings(['```', ...LINES.map((l) => l.padEnd(400, ' ')), '```'], 2);
});

test('a paste starting mid-line: the fragment is unparsed, the rest as usual', async () => {
  const first = LINES.findIndex((l) => l.includes('204 DELETE /hub/api/users/frank'));
  const cut = LINES[first].slice(LINES[first].indexOf('DELETE'));
  const { events } = await eventsOf([joinLines([cut, ...LINES.slice(first + 1)])]);
  assert.equal(events[0].kind, 'unparsed');
});

test('journald blob placeholders and terminal hard-wraps are unparsed, never misparsed', async () => {
  const wrapped: string[] = [];
  for (const l of LINES) for (let i = 0; i < l.length; i += 80) wrapped.push(l.slice(i, i + 80));
  wrapped.push('Nov 25 10:00:00 host hub[123]: [97B blob data]', '[97B blob data]');
  const base = await reportOf([joinLines(LINES)]);
  const r = await reportOf([joinLines(wrapped)]);
  assert.equal(r.totals.lines, wrapped.length);
  // Wrapping loses what is cut, but invents nothing: every incident/denial user is a real one.
  const real = new Set(base.incidents.map((i) => i.user));
  for (const i of r.incidents) assert.ok(real.has(i.user), `invented incident for ${i.user}`);
  for (const d of r.denials) assert.ok(d.user === null || [...base.denials].some((b) => b.user === d.user), `invented denial for ${d.user}`);
  const { events } = await eventsOf([enc('Nov 25 10:00:00 host hub[123]: [97B blob data]\n')]);
  assert.equal(events[0].kind, 'unparsed');
  assert.equal(events[0].envelope, 'syslog');
});
