// Generators for the shapes hostile or damaged logs take, drawn from every message kind's samples
// (the parsers' own `samples`):
//   - empty captures: a word of the message taken out, or left as white space;
//   - continuation lines after every message kind (indented text, a brace, a traceback, a blank);
//   - secrets in every encoding the scrubber decodes, in request URLs and header dumps;
//   - control and invisible characters anywhere in a line, so in every field.
// Each holds I1 and I2 (see pipeline.test.ts) and its own: no secret reaches an event or a report,
// no raw control or invisible character reaches a text, Markdown or JSON surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MESSAGE_PARSERS } from '../../parsers/messages/index.js';
import type { HubEvent } from '../../src/core/model/events.js';
import { REPORTERS } from '../../src/report/index.js';
import { jsonVisible } from '../../src/report/json-text.js';
import { check, countLines, enc, eventsOf, parseAlone, reportOf } from './harness.js';

const SAMPLES = MESSAGE_PARSERS.flatMap((p) => p.samples.map((s) => s.line));
const sampleLine = fc.constantFrom(...SAMPLES);

/** Events and every report format for one input; I1 and I2 checked on the way. */
async function surfaces(text: string): Promise<{ events: HubEvent[]; out: Record<string, string> }> {
  const bytes = enc(text);
  const want = countLines(bytes);
  const ev = await eventsOf([bytes]);
  assert.equal(ev.lines, want, 'events: stats.lines != line count');
  assert.equal(ev.accounted, want, 'events: parsed + artifacts + fragments + unparsed != lines');
  const r = await reportOf([bytes]);
  assert.equal(r.totals.lines, want, 'analyze: totals.lines != line count');
  const out: Record<string, string> = { events: jsonVisible(ev.events.map((e) => JSON.stringify(e)).join('\n')) };
  for (const [name, render] of Object.entries(REPORTERS)) out[name] = render(r, { color: false });
  JSON.parse(out.json);
  return { events: ev.events, out };
}


/** The message of a prefixed line starts after the prefix's closing bracket. */
const messageStart = (line: string) => (line.startsWith('[') ? line.indexOf('] ') + 2 : 0);

/** A sample with one word of its message removed (k picks the word) or replaced by white space. */
function withoutWord(line: string, k: number, fill: string): string {
  const from = messageStart(line);
  const words = [...line.slice(from).matchAll(/[^\s'"()[\]{}:,=@/]+/g)];
  if (words.length === 0) return line;
  const w = words[k % words.length];
  const at = from + (w.index ?? 0);
  return line.slice(0, at) + fill + line.slice(at + w[0].length);
}

test('empty captures: every message kind with a word of it taken out reads without a crash, every line counted', async () => {
  await check(fc.asyncProperty(fc.array(fc.tuple(sampleLine, fc.nat(), fc.constantFrom('', ' ', "''", '\t')), { minLength: 1, maxLength: 20 }), async (parts) => {
    await surfaces(parts.map(([l, k, fill]) => withoutWord(l, k, fill)).join('\n') + '\n');
  }), 60);
});

test('empty captures: a name cut off right after its label, for every message kind', async () => {
  // Cutting each sample after every space of its message leaves `User logged in: `, `Deleting user `…
  const cuts = SAMPLES.flatMap((l) => [...l.matchAll(/ /g)].map((m) => l.slice(0, (m.index ?? 0) + 1)).filter((c) => c.length > messageStart(l)));
  const text = cuts.join('\n') + '\n';
  await surfaces(text);
  await surfaces(cuts.map((c) => `${c}\n    continued`).join('\n') + '\n');
});

const continuation = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => `    ${s.replace(/[\r\n]/g, '')}`),
  fc.constantFrom('    ', '}', ']', '    Traceback (most recent call last):', '      File "/usr/lib/python3/x.py", line 1, in f',
    '    KeyError: \'\'', '\t', '    {', '    "Cookie": "a=b"', '    User logged in: ', '    403 GET /hub/ (@10.0.0.1) 1.00ms'),
);

test('continuation lines after every message kind: read without a crash, every line counted, the record kept', async () => {
  await check(fc.asyncProperty(sampleLine, fc.array(continuation, { minLength: 1, maxLength: 4 }), async (line, conts) => {
    const { events } = await surfaces([line, ...conts].join('\n') + '\n');
    const alone = parseAlone(line)[0];
    // The record the message began is still its first event, whatever follows it.
    assert.equal(events[0]?.kind, alone.kind, `${JSON.stringify(line)} + ${JSON.stringify(conts)}`);
  }), 80);
});

const MARK = 'SEKRITF';
const secretValue = fc.stringMatching(/^[A-Za-z0-9_-]{4,16}$/).map((s) => `${MARK}${s}`);
/** encodeURIComponent `n` times: what `next=` nesting does to a value. */
const encodeTimes = (s: string, n: number) => {
  for (let i = 0; i < n; i++) s = encodeURIComponent(s);
  return s;
};
const PARAMS = ['token', 'state', 'code', 'access_token', 'refresh_token', 'id_token', 'ticket', 'session_id', 'password', 'client_secret', 'api_key', 'Signature', 'X-Amz-Signature', 'sig'];
const secretUrl = fc.record({
  param: fc.constantFrom(...PARAMS), value: secretValue, depth: fc.nat({ max: 3 }), where: fc.constantFrom('query', 'fragment', 'userinfo'),
}).map(({ param, value, depth, where }) => {
  const inner = where === 'userinfo' ? `https://proxyuser:${value}@proxy.example.org/x` : where === 'fragment' ? `/hub/oauth_callback#${param}=${value}` : `/hub/api/oauth2/authorize?${param}=${value}&x=1`;
  return depth === 0 ? (where === 'userinfo' ? `/hub/login?next=${inner}` : inner) : `/hub/login?next=${encodeTimes(inner, depth)}`;
});
const secretText = fc.record({ name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/), value: secretValue, form: fc.nat({ max: 5 }) }).map(({ name, value, form }) =>
  [`    Cookie: ${name}=${value}`, `    Set-Cookie: ${name}=${value}; Path=/hub/; HttpOnly`, `    "Cookie": "${name}=${value}"`,
    `    {'password': [b'${value}']}`, `    eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.${value}`, `    postgresql://jhub:${value}@db:5432/jupyterhub`][form]);

test('secrets in every encoding, in request URLs and header dumps, reach no event and no report', async () => {
  await check(fc.asyncProperty(fc.array(fc.tuple(secretUrl, secretText), { minLength: 1, maxLength: 6 }), async (parts) => {
    const lines = ["[I 2025-05-14 08:00:00.000 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--cull-users']"];
    parts.forEach(([url, text], i) => {
      const t = `2025-05-14 09:${String(i).padStart(2, '0')}`;
      lines.push(`[I ${t}:00.000 JupyterHub log:192] 204 DELETE /hub/api/users/u${i} (jupyterhub-idle-culler@::1) 8.00ms`, text);
      lines.push(`[W ${t}:30.000 JupyterHub log:192] 403 GET ${url} (u${i}@10.0.0.${i + 1}) 3.00ms`);
    });
    const { out } = await surfaces(lines.join('\n') + '\n');
    for (const [name, s] of Object.entries(out)) {
      const at = s.indexOf(MARK);
      assert.equal(at, -1, `${name} leaks: …${s.slice(Math.max(0, at - 100), at + 30)}…`);
    }
  }), 60);
});

// eslint-disable-next-line no-control-regex -- the test is that none of these gets through raw
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const hostileChar = fc.constantFrom('\x00', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x1b[2J', '\x1b]8;;http://evil/\x07', '\x7f', '\x85', '\x9b',
  '\u202e', '\u200b', '\u2066', '\u2069', '\ufeff', '\u061c', '\u2028');

test('control and invisible characters in every field reach no text, Markdown or JSON surface raw', async () => {
  await check(fc.asyncProperty(fc.array(fc.tuple(sampleLine, fc.nat(), hostileChar), { minLength: 1, maxLength: 12 }), async (parts) => {
    // \u2028 ends no line for the splitter, but a lone CR does: keep the line structure the test's own.
    const lines = parts.map(([l, k, ch]) => {
      const at = k % (l.length + 1);
      return l.slice(0, at) + ch + l.slice(at);
    });
    const { out } = await surfaces(lines.join('\n') + '\n');
    for (const name of ['text', 'markdown', 'json', 'events']) {
      const s = out[name].replace(/[\n\t]/g, '');
      const m = RAW_CONTROL.exec(s) ?? INVISIBLE.exec(s);
      assert.equal(m, null, `${name}: raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} …${m ? JSON.stringify(s.slice(Math.max(0, m.index - 60), m.index + 20)) : ''}`);
    }
  }), 60);
});
