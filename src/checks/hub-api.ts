// List the hub's users through its REST API (GET /hub/api/users), following JupyterHub's
// pagination (JupyterHub >= 2.0: Accept: application/jupyterhub-pagination+json). Older hubs
// answer a plain JSON array, which is accepted as the whole list.
//
// Token scopes: `list:users` alone is enough for the comparison (it yields names, and on
// JupyterHub >= 3 the admin flag); add `read:users` to see created / last_activity
// (or `read:users:activity` for last_activity only).
import { readFileSync } from 'node:fs';
import { maskUrl, toIsoUtc } from './db.js';
import type { CheckUser } from '../core/model/checks.js';
import { HubsleuthError, inputError, usageError } from '../core/errors.js';

export const PAGE_SIZE = 200;

/**
 * How much a hub may make us read. A proxy that answers with an endless body, a pagination that
 * never ends or a hub that answers one byte a minute must end in a one-line error, not in memory
 * exhaustion or a cron job that never returns.
 */
export interface FetchLimits {
  /** One request, from sending it to the last byte of its answer. */
  requestMs: number;
  /** All pages together. */
  totalMs: number;
  /** All answers together, in bytes. */
  maxBytes: number;
  maxPages: number;
  /**
   * All users together. The byte cap alone does not bound memory: a page of `{"name":"x"}` holds
   * a user every 13 bytes, and each costs a few hundred bytes once parsed, compared and rendered.
   */
  maxUsers: number;
}

// 1000 pages of 200 is 200 000 users; a user with read:users is about 250 bytes of JSON, so 64 MiB
// holds them with room to spare, and parsing the densest 64 MiB page stays well under 1 GB.
export const DEFAULT_LIMITS: FetchLimits = { requestMs: 30_000, totalMs: 120_000, maxBytes: 64 * 1024 * 1024, maxPages: 1_000, maxUsers: 200_000 };

/** Accepts the API URL (…/hub/api), the hub URL (…/hub/) or the site root; returns …/hub/api. */
export function normalizeApiUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw usageError(`--url ${JSON.stringify(maskUrl(url))} is not a URL (expected e.g. http://hub:8081/hub/api)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw usageError(`--url must be http(s), got ${u.protocol}`);
  let p = u.pathname.replace(/\/+$/, '');
  if (!p.endsWith('/hub/api')) p = p.endsWith('/hub') ? `${p}/api` : `${p}/hub/api`;
  u.pathname = p;
  // The hub API takes its token in the Authorization header: credentials or a token in the URL are
  // not used, and must not reach an error message (fetch refuses a URL with credentials, quoting it).
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  return u;
}

/**
 * The token alone: one word. A second line or white space would go into the Authorization header,
 * where fetch refuses it with a message that quotes the header, token and all; so it is refused
 * here, without showing it.
 */
function oneToken(t: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(t)) throw usageError(`${where} holds more than one word or line; it must hold the token alone`);
  if (!/^[\x21-\x7e]+$/.test(t)) throw usageError(`${where} holds characters that cannot be sent in an HTTP header; it must hold the token alone`);
  return t;
}

export function readToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (tokenFile) {
    let t: string;
    try {
      t = readFileSync(tokenFile, 'utf8').trim();
    } catch (e) {
      throw inputError(tokenFile, `cannot read token file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!t) throw inputError(tokenFile, 'token file is empty');
    return oneToken(t, `${tokenFile}: the token file`);
  }
  const t = env.JUPYTERHUB_API_TOKEN?.trim();
  if (!t) throw usageError('no API token (pass --token-file FILE or set JUPYTERHUB_API_TOKEN)');
  return oneToken(t, 'JUPYTERHUB_API_TOKEN');
}

interface ApiUser {
  name?: unknown;
  admin?: unknown;
  created?: unknown;
  last_activity?: unknown;
}

function toUser(u: unknown, where: string, k: number): CheckUser {
  const o = u as ApiUser | null;
  if (o === null || typeof o !== 'object' || typeof o.name !== 'string') throw inputError(where, `unexpected answer (user ${k} has no name)`);
  return {
    name: o.name,
    admin: typeof o.admin === 'boolean' ? o.admin : null,
    created: toIsoUtc(o.created ?? null),
    lastActivity: toIsoUtc(o.last_activity ?? null),
  };
}

const mib = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MiB`;

/** The body as text, refusing to read past what is left of the byte budget. */
async function readCapped(res: Response, where: string, budget: { left: number; max: number }): Promise<string> {
  const tooBig = () => inputError(where, `the answers are larger than ${mib(budget.max)} in all; giving up (raise --max-bytes)`);
  const declared = Number(res.headers.get('content-length'));
  if (declared > budget.left) {
    await res.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      budget.left -= value.byteLength;
      if (budget.left < 0) {
        await reader.cancel().catch(() => undefined);
        throw tooBig();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function fetchHubUsers(apiUrl: string, token: string, limits: Partial<FetchLimits> = {}): Promise<CheckUser[]> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const base = normalizeApiUrl(apiUrl);
  const users: CheckUser[] = [];
  const budget = { left: lim.maxBytes, max: lim.maxBytes };
  const overall = AbortSignal.timeout(lim.totalMs);
  let offset = 0;
  for (let page = 0; page < lim.maxPages; page++) {
    // Build each page from our own base URL: `_pagination.next.url` is derived from the Host the hub
    // saw, which behind a proxy or port-forward may not be reachable from here. Offset/limit are equal.
    const url = new URL(base.toString() + '/users');
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', String(PAGE_SIZE));
    const where = `${url.origin}${url.pathname}`;
    const request = AbortSignal.timeout(lim.requestMs);
    const signal = AbortSignal.any([overall, request]);
    let text: string;
    let res: Response;
    try {
      res = await fetch(url, { headers: { Authorization: `token ${token}`, Accept: 'application/jupyterhub-pagination+json' }, signal });
      if (res.status === 401 || res.status === 403) {
        throw inputError(where, `HTTP ${res.status}: the token was refused or lacks the scope list:users (add read:users for created/last activity)`);
      }
      if (!res.ok) throw inputError(where, `HTTP ${res.status} ${res.statusText}`);
      text = await readCapped(res, where, budget);
    } catch (e) {
      if (e instanceof HubsleuthError) throw e;
      if (overall.aborted) throw inputError(where, `no complete user list within ${lim.totalMs / 1000} s; giving up (raise --timeout)`);
      if (request.aborted) throw inputError(where, `no answer within ${lim.requestMs / 1000} s`);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      // Whatever the HTTP stack says, the token is not part of it.
      throw new HubsleuthError('input', `cannot reach ${where}: ${why.split(token).join('[secret]')}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw inputError(where, 'the answer is not JSON — is this the hub API URL (…/hub/api)?');
    }
    const items = Array.isArray(body) ? body : (body as { items?: unknown } | null)?.items;
    // Counted before the users are made: a page may hold far more than the limit it was asked for.
    if (Array.isArray(items) && users.length + items.length > lim.maxUsers) {
      throw inputError(where, `more than ${lim.maxUsers} users; giving up (raise --max-users)`);
    }
    if (Array.isArray(body)) {
      // JupyterHub < 2.0: no pagination, the array is the full list.
      for (let k = 0; k < body.length; k++) users.push(toUser(body[k], where, offset + k));
      return users;
    }
    const obj = body as { items?: unknown; _pagination?: { next?: { offset?: unknown } | null } } | null;
    if (obj === null || typeof obj !== 'object' || !Array.isArray(obj.items)) {
      throw inputError(where, `unexpected answer (${obj === null ? 'null' : typeof obj !== 'object' ? `a ${typeof obj}` : 'no user list'}) — is this the hub API URL (…/hub/api)?`);
    }
    // One at a time: a hub with a large page limit can answer 100 000 users on one page, more than
    // push(...items) can pass as arguments.
    for (let k = 0; k < obj.items.length; k++) users.push(toUser(obj.items[k], where, offset + k));
    const next = obj._pagination?.next;
    if (!next || typeof next.offset !== 'number' || next.offset <= offset || obj.items.length === 0) return users;
    offset = next.offset;
  }
  throw inputError(String(base), `more than ${lim.maxPages} pages of users; giving up (raise --max-pages)`);
}
