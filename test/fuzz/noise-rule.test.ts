// What `analyze` may skip is decided from the message parsers' needles (parsers/needles.ts), in
// three places: the byte check that drops noise before decoding (parsers/noise.ts), the string
// pre-check and the parsed-field check (parsers/record.ts). Whatever line the generator makes, in
// and out of envelopes, `needed` mode must keep exactly the events of `all` mode that a parser
// recognised (not `message`) and, for request lines, that the needles ask for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RecordParser } from '../../parsers/record.js';
import { requestNeeded } from '../../parsers/needles.js';
import { MESSAGE_PARSERS } from '../../parsers/messages/index.js';
import type { HubEvent } from '../../src/core/model/events.js';
import { check } from './harness.js';

function parse(bytes: Buffer, mode: 'all' | 'needed'): HubEvent[] {
  const out: HubEvent[] = [];
  const p = new RecordParser('x', (e) => out.push(e), { mode });
  let s = 0;
  let n = 0;
  while (s < bytes.length) {
    const e = bytes.indexOf(10, s);
    p.pushBytes(bytes, s, e, ++n);
    s = e + 1;
  }
  p.flush();
  return out;
}

const prefix = (level: string, ms: number, module: string) => `[${level} 2025-05-14 10:00:00.${String(ms).padStart(3, '0')} JupyterHub ${module}]`;

const accessLine = fc.record({
  level: fc.constantFrom('I', 'W', 'D', 'E'),
  status: fc.constantFrom(200, 201, 204, 301, 302, 304, 400, 403, 404, 500),
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH'),
  path: fc.constantFrom('/hub/login', '/hub/oauth_callback', '/hub/api/users', '/hub/api/users/alice', '/hub/api/users/x/server',
    '/hub/home', '/user/bob/api/kernels', '/hub/spawn', '/hub/api/user', '/hub/oauth_login', '/prefix/hub/login', '/hub/loginx', '/hub/api/usersx'),
  query: fc.constantFrom('', '?state=[secret]&code=[secret]', '?next=%2Fhub%2F', '?offset=0&limit=200'),
  redirect: fc.constantFrom('', ' -> /hub/login?next=%2Fhub%2F', ' -> /hub/home'),
  user: fc.constantFrom('', 'alice', 'bob@example.org', 'jupyterhub-idle-culler', 'x (y)'),
  ms: fc.integer({ min: 0, max: 999 }),
}).map((l) => `${prefix(l.level, l.ms, 'log:192')} ${l.status} ${l.method} ${l.path}${l.query}${l.redirect} (${l.user}@10.0.2.15) 1.50ms`);

// Every parser's sample messages, also at DEBUG, with trailing spaces, and with an edit at either
// end that may or may not keep them what they were.
const sampleMessage = fc.record({
  line: fc.constantFrom(...MESSAGE_PARSERS.flatMap((mp) => mp.samples.map((x) => x.line)).filter((l) => l.startsWith('[') && / JupyterHub /.test(l.slice(0, 40)))),
  level: fc.constantFrom('', 'D'),
  edit: fc.constantFrom('', 'x', ' ', 'Q'),
  end: fc.boolean(),
}).map((m) => {
  const close = m.line.indexOf('] ');
  let msg = m.line.slice(close + 2);
  if (m.edit) msg = m.end ? msg + m.edit : m.edit + msg;
  const head = m.level ? `[${m.level}${m.line.slice(2, close + 1)}` : m.line.slice(0, close + 1);
  return `${head} ${msg}`;
});

const otherMessage = fc.record({ ms: fc.integer({ min: 0, max: 999 }), msg: fc.constantFrom('Spawning server for alice', 'User alice server took 3.2 seconds to stop', 'OAuth redirect: https://hub/x', 'Failed login for unknown user', 'Failed login for bob', 'Not a needle at all.') })
  .map((m) => `${prefix('I', m.ms, 'base:1297')} ${m.msg}`);

const line = fc.record({
  text: fc.oneof(accessLine, sampleMessage, otherMessage),
  // plain and kubectl lines go through the byte check; docker json-file lines only through the string checks
  envelope: fc.constantFrom('plain', 'kubectl', 'docker'),
});

function wrap(envelope: string, text: string): string {
  if (envelope === 'kubectl') return `2025-05-14T10:00:00.123456789Z ${text}`;
  if (envelope === 'docker') return JSON.stringify({ log: text + '\n', stream: 'stderr', time: '2025-05-14T10:00:00.123456789Z' });
  return text;
}

function wanted(e: HubEvent): boolean {
  if (e.kind === 'message' || e.kind === 'unparsed' || e.level === 'D') return false;
  if (e.kind === 'access' || e.kind === 'user-deleted') return requestNeeded(e.status, e.method, e.path, e.user !== null);
  // An OAuth refusal's `Failed login for unknown user` names nobody (its `not allowed` line says who);
  // any other failure is kept, named or not (a paste can replace the name).
  if (e.kind === 'login-failed') return e.user !== null || !/^Failed login for '?unknown user'? *$/.test(e.text);
  return true;
}

test('needed mode keeps exactly what the parsers recognise and the needles ask for, in every envelope', async () => {
  await check(fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
    const bytes = Buffer.from(lines.map((l) => wrap(l.envelope, l.text)).join('\n') + '\n');
    const all = parse(bytes, 'all');
    const kept = parse(bytes, 'needed');
    assert.equal(all.length, lines.length);
    assert.deepStrictEqual(kept, all.filter(wanted));
  }), 300);
});
