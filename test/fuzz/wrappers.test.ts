// What a paste does to a log must not change what the log says. Every sample (samples/*.log, and
// the lines inside the JSON exports), or a stretch of it, is wrapped the ways people paste logs:
// indented (a Markdown code block, a list item, a tab), in Markdown (a quote, emphasis, fences),
// in a k9s box, in syslog (every month language, with and without the host), in docker compose
// prefixes (also indented), in stern's names, double-spaced; an envelope inside a paste wrapper
// too. Its events keep their kinds, times and users, and its report its incidents and refusals.
// Times: a syslog stamp written with the record's own time gives that time back; a line that had
// none of its own (a z2jh print) gets the stamp's, which is what the wrapper adds, not a change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unwrap } from '../../parsers/envelopes/index.js';
import { unwrapJsonObject } from '../../parsers/envelopes/json/index.js';
import type { HubEvent } from '../../src/core/model/events.js';
import { ROOT } from '../helpers/cli.js';
import { check, enc, eventsOf, findingsOf, lineTime, reportOf } from './harness.js';

/** A sample's lines as the hub container wrote them (its own envelope taken off, pieces joined). */
function innerLines(file: string): string[] {
  const text = readFileSync(join(ROOT, 'samples', file), 'utf8');
  if (file.endsWith('.json')) {
    return (JSON.parse(text) as Array<Record<string, unknown>>).flatMap((o) => unwrapJsonObject(o)?.text.split('\n') ?? []);
  }
  const out: string[] = [];
  let piece = '';
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const u = unwrap(line);
    piece += u.text;
    if (u.partial) continue;
    out.push(...piece.split('\n'));
    piece = '';
  }
  return out;
}

const SAMPLES = [
  ...readdirSync(join(ROOT, 'samples')).filter((f) => /\.(log|json|jsonl|ndjson)$/.test(f) && !f.includes('expected')),
  ...readdirSync(join(ROOT, 'samples/real')).filter((f) => f.endsWith('.log')).map((f) => `real/${f}`),
].sort().map((f) => ({ file: f, lines: innerLines(f) }));

/** Each line's record time (RFC 3339), for the envelopes that stamp every line. */
function recordTimes(lines: string[]): string[] {
  const first = lines.map((l) => lineTime(l, '')).find((t) => t !== '') ?? '2025-05-14T00:00:00.000000000Z';
  let t = first;
  return lines.map((l) => (t = lineTime(l, t)));
}

// How journalctl writes the month in the host's language (glibc's abbreviations).
const MONTHS: Record<string, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avril', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  de: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
  pt: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

type Wrap = (lines: string[]) => string[];

/** A wrapper that fast-check prints by name in a counterexample. */
const named = (label: string, fn: Wrap): Wrap => Object.assign(fn, { [fc.toStringMethod]: () => label });

// Envelopes: what the log was exported with. Each prefixes every line, continuation lines too.
const envelope = fc.oneof(
  fc.record({ lang: fc.constantFrom(...Object.keys(MONTHS)), host: fc.boolean() }).map(({ lang, host }) => named(`syslog ${lang}${host ? '' : ' no host'}`, (lines) => {
    const times = recordTimes(lines);
    return lines.map((l, i) => {
      const t = times[i];
      const day = Number(t.slice(8, 10));
      // short-precise: the microseconds keep the record's milliseconds.
      return `${MONTHS[lang][Number(t.slice(5, 7)) - 1]} ${day < 10 ? ' ' : ''}${day} ${t.slice(11, 26)}${host ? ' hub-vm' : ''} jupyterhub[812]: ${l}`;
    });
  })),
  fc.record({ name: fc.constantFrom('jupyterhub_1', 'hub-1', 'jhub_hub.1.q3k9x0c2lm4a@swarm-mgr01'), pad: fc.nat({ max: 12 }), colour: fc.boolean() })
    .map(({ name, pad, colour }) => named(`compose ${name}${colour ? ' coloured' : ''}`, (lines) =>
      lines.map((l) => (colour ? `\x1b[36m${name}${' '.repeat(pad)} |\x1b[0m ${l}` : `${name}${' '.repeat(pad)} | ${l}`)))),
  fc.boolean().map((colour) => named(`stern${colour ? ' coloured' : ''}`, (lines) =>
    lines.map((l) => (colour ? `\x1b[96mhub-7c9d5b8f4-x2k9q\x1b[0m \x1b[36mhub\x1b[0m ${l}` : `hub-7c9d5b8f4-x2k9q hub ${l}`)))),
  fc.constant(named('no envelope', (lines) => lines)),
);

const isHubLine = (l: string) => /^\[[DIWEC] \d/.test(l);

// Paste wrappers: what the reporter's editor, chat or terminal did around the lines.
const paste = fc.oneof(
  fc.record({ ws: fc.constantFrom('  ', '   ', '    ', '\t'), list: fc.boolean() }).map(({ ws, list }) => named(`indented ${JSON.stringify(ws)}${list ? ' in a list item' : ''}`, (lines) =>
    [...(list ? ['- The hub log:', '', `${ws}\`\`\``] : []), ...lines.map((l) => ws + l), ...(list ? [`${ws}\`\`\``] : [])])),
  fc.boolean().map((fenced) => named(`quoted${fenced ? ', fenced' : ''}`, (lines) => [...(fenced ? ['```'] : []), ...lines.map((l) => `> ${l}`), ...(fenced ? ['```'] : [])])),
  fc.array(fc.nat(), { maxLength: 20 }).map((picks) => named('bold lines, fence fused on the first', (lines) => {
    const bold = new Set(picks.map((p) => p % Math.max(1, lines.length)));
    const out = lines.map((l, i) => (bold.has(i) && isHubLine(l) ? `**${l}**` : l));
    if (isHubLine(out[0] ?? '')) out[0] = '```' + out[0];
    return [...out, '```'];
  })),
  fc.nat({ max: 40 }).map((extra) => named('k9s box', (lines) => {
    // k9s on a screen wide enough for every line: the box's padding and borders only.
    const width = Math.max(...lines.map((l) => l.length)) + extra;
    return lines.map((l) => `│ ${l.padEnd(width)} │`);
  })),
  fc.constant(named('no paste wrapper', (lines) => lines)),
);

const spacing = fc.boolean().map((double) => named(double ? 'double-spaced' : 'single-spaced', (lines) => (double ? lines.flatMap((l) => [l, '']) : lines)));

interface Read {
  events: Array<[string, string | null]>;
  times: number[];
  findings: unknown;
}

const userOf = (e: HubEvent): string | null => {
  const u = e.kind === 'user-deleted' ? e.target : 'user' in e ? e.user : null;
  return typeof u === 'string' ? u : null;
};

async function read(lines: string[]): Promise<Read> {
  const bytes = enc(lines.join('\n') + '\n');
  const { events } = await eventsOf([bytes]);
  const records = events.filter((e) => e.kind !== 'paste-artifact');
  return {
    events: records.map((e) => [e.kind, userOf(e)]),
    times: records.map((e) => e.t),
    findings: findingsOf(await reportOf([bytes])),
  };
}

// Every sample, each its own property: a pick among them could leave one out for good under the
// fixed seed.
for (const s of SAMPLES) {
  test(`wrapping ${s.file} the ways people paste logs keeps its events and its report`, async () => {
    const base = new Map<string, Read>();
    await check(fc.asyncProperty(
      fc.nat(), fc.integer({ min: 40, max: 400 }), envelope, paste, spacing,
      async (from, size, env, wrap, space) => {
        const start = from % Math.max(1, s.lines.length - size);
        const lines = s.lines.slice(start, start + size);
        const key = `${start}:${size}`;
        const want = base.get(key) ?? (await read(lines));
        base.set(key, want);
        const got = await read(space(wrap(env(lines))));
        assert.deepEqual(got.events, want.events, `${s.file} lines ${start + 1}-${start + lines.length}: events`);
        got.times.forEach((t, i) => {
          if (Number.isFinite(want.times[i])) assert.equal(t, want.times[i], `${s.file}: time of event ${i}`);
        });
        assert.deepEqual(got.findings, want.findings, `${s.file} lines ${start + 1}-${start + lines.length}: report`);
      },
    ), 15);
  });
}
