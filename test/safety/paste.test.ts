// Pasted logs: the hub/culler line is recognised inside the wrappers people paste (syslog/journald,
// docker compose), padding and code fences do not matter, and what is not a hub line is never
// misparsed: blob placeholders and fences are paste artefacts, a line cut at the start stays unparsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enc, eventsOf, findingsOf, envelopeTimes, reportOf, sampleText } from '../fuzz/harness.js';
import type { Report } from '../../src/core/model/report.js';

const LINES = sampleText('incident-two-days.log').split('\n').filter(Boolean);
const joinLines = (ls: string[]) => enc(ls.join('\n') + '\n');

async function assertSameFindings(wrapped: string[], extraArtifacts = 0, same: (r: Report) => unknown = findingsOf): Promise<void> {
  const base = await reportOf([joinLines(LINES)]);
  const r = await reportOf([joinLines(wrapped)]);
  assert.deepEqual(same(r), same(base));
  assert.equal(r.totals.lines, wrapped.length);
  assert.equal(r.totals.unparsed, base.totals.unparsed);
  assert.equal(r.totals.artifacts, base.totals.artifacts + extraArtifacts);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The syslog stamp of a line written at `t` (RFC 3339): `May 13 07:58:13`, with microseconds when `precise`. */
function syslogStamp(t: string, precise: boolean): string {
  const day = Number(t.slice(8, 10));
  return `${MONTHS[Number(t.slice(5, 7)) - 1]} ${day < 10 ? ' ' : ''}${day} ${t.slice(11, 19)}${precise ? t.slice(19, 26) : ''}`;
}

/** Who was deleted and refused, and why, without the times (a syslog stamp has whole seconds). */
const whoAndWhy = (r: Report) => ({
  rootCause: r.verdict.rootCause,
  incidents: r.incidents.map((i) => [i.user, i.deletedBy, i.denials]),
  denials: [...r.denials].map((d) => [d.user, d.cause, d.status, d.path]),
});

test('syslog / journalctl short-precise prefixes: their stamps give the records their times', async () => {
  const times = envelopeTimes(LINES);
  await assertSameFindings(LINES.map((l, i) => `${syslogStamp(times[i], true)} hub-host hub[123]: ${l}`));
});

test('syslog short prefixes (whole seconds), with and without the host: the same story', async () => {
  const times = envelopeTimes(LINES);
  await assertSameFindings(LINES.map((l, i) => `${syslogStamp(times[i], false)}${i % 2 ? ' hub-host' : ''} hub[123]: ${l}`), 0, whoAndWhy);
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

test('journald blob placeholders are paste artefacts; terminal wraps are rejoined or left, never misparsed', async () => {
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
  assert.deepEqual([events[0].kind, events[0].kind === 'paste-artifact' && events[0].artifact], ['paste-artifact', 'journald-blob']);
  assert.equal(events[0].envelope, 'syslog');
});
