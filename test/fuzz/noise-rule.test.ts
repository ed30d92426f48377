// The rule of what `analyze` may skip lives in three places that must agree: the byte check that
// drops noise before decoding (parsers/noise.ts), the string pre-check and the parsed-field check
// (parsers/record.ts). Spelled out once here, it must equal what `needed` mode keeps, for every
// access line the generator makes, in and out of envelopes, whichever of the three a change touches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RecordParser } from '../../parsers/record.js';
import type { HubEvent } from '../../src/core/model/events.js';
import { check } from './harness.js';

/** The correlator reads an access line when this holds (the rule parsers/noise.ts documents). */
function needed(level: string, status: number, method: string, path: string, user: string): boolean {
  if (level === 'D') return false;
  if (status >= 400 || method === 'DELETE' || (status === 201 && method === 'POST')) return true;
  if (path.endsWith('/login') || path.endsWith('/oauth_callback')) return user !== '' || (status === 200 && method === 'POST');
  return path.endsWith('/api/users');
}

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
  // plain and kubectl lines go through the byte check; docker json-file lines only through the string checks
  envelope: fc.constantFrom('plain', 'kubectl', 'docker'),
});

function wrap(envelope: string, line: string): string {
  if (envelope === 'kubectl') return `2025-05-14T10:00:00.123456789Z ${line}`;
  if (envelope === 'docker') return JSON.stringify({ log: line + '\n', stream: 'stderr', time: '2025-05-14T10:00:00.123456789Z' });
  return line;
}

test('needed mode keeps exactly the access lines the rule names, and nothing else changes', async () => {
  await check(fc.property(fc.array(accessLine, { minLength: 1, maxLength: 40 }), (lines) => {
    const text = lines.map((l) => wrap(l.envelope, `[${l.level} 2025-05-14 10:00:00.${String(l.ms).padStart(3, '0')} JupyterHub log:192] ${l.status} ${l.method} ${l.path}${l.query}${l.redirect} (${l.user}@10.0.2.15) 1.50ms`)).join('\n') + '\n';
    const bytes = Buffer.from(text);
    const all = parse(bytes, 'all');
    const kept = parse(bytes, 'needed');
    const want = all.filter((e, i) => {
      const l = lines[i];
      return needed(l.level, l.status, l.method, l.path, l.user);
    });
    assert.equal(all.length, lines.length);
    assert.deepStrictEqual(kept, want);
  }), 300);
});
