// List the hub's users through its REST API (GET /hub/api/users), following JupyterHub's
// pagination (JupyterHub >= 2.0: Accept: application/jupyterhub-pagination+json). Older hubs
// answer a plain JSON array, which is accepted as the whole list.
//
// Token scopes: `list:users` alone is enough for the comparison (it yields names, and on
// JupyterHub >= 3 the admin flag); add `read:users` to see created / last_activity
// (or `read:users:activity` for last_activity only).
import { readFileSync } from 'node:fs';
import { toIsoUtc } from './db.js';
import type { CheckUser } from '../core/model/checks.js';
import { UsageError } from '../core/model/checks.js';

const PAGE_SIZE = 200;
const MAX_PAGES = 10_000;

/** Accepts the API URL (…/hub/api), the hub URL (…/hub/) or the site root; returns …/hub/api. */
export function normalizeApiUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(url)} is not a URL (expected e.g. http://hub:8081/hub/api)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--url must be http(s), got ${u.protocol}`);
  let p = u.pathname.replace(/\/+$/, '');
  if (!p.endsWith('/hub/api')) p = p.endsWith('/hub') ? `${p}/api` : `${p}/hub/api`;
  u.pathname = p;
  u.search = '';
  u.hash = '';
  return u;
}

export function readToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (tokenFile) {
    let t: string;
    try {
      t = readFileSync(tokenFile, 'utf8').trim();
    } catch (e) {
      throw new UsageError(`${tokenFile}: cannot read token file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!t) throw new UsageError(`${tokenFile}: token file is empty`);
    return t;
  }
  const t = env.JUPYTERHUB_API_TOKEN?.trim();
  if (!t) throw new UsageError('no API token: pass --token-file FILE or set JUPYTERHUB_API_TOKEN');
  return t;
}

interface ApiUser {
  name?: unknown;
  admin?: unknown;
  created?: unknown;
  last_activity?: unknown;
}

function toUser(u: ApiUser): CheckUser {
  return {
    name: String(u.name),
    admin: typeof u.admin === 'boolean' ? u.admin : null,
    created: toIsoUtc(u.created ?? null),
    lastActivity: toIsoUtc(u.last_activity ?? null),
  };
}

export async function fetchHubUsers(apiUrl: string, token: string, timeoutMs = 30_000): Promise<CheckUser[]> {
  const base = normalizeApiUrl(apiUrl);
  const users: CheckUser[] = [];
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    // Build each page from our own base URL: `_pagination.next.url` is derived from the Host the hub
    // saw, which behind a proxy or port-forward may not be reachable from here. Offset/limit are equal.
    const url = new URL(base.toString() + '/users');
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', String(PAGE_SIZE));
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { Authorization: `token ${token}`, Accept: 'application/jupyterhub-pagination+json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new UsageError(`cannot reach ${url.origin}${url.pathname}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new UsageError(
        `${url.origin}${url.pathname}: HTTP ${res.status}: the token was refused or lacks the scope list:users ` +
          '(add read:users for created/last activity)',
      );
    }
    if (!res.ok) throw new UsageError(`${url.origin}${url.pathname}: HTTP ${res.status} ${res.statusText}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new UsageError(`${url.origin}${url.pathname}: the answer is not JSON — is this the hub API URL (…/hub/api)?`);
    }
    if (Array.isArray(body)) {
      // JupyterHub < 2.0: no pagination, the array is the full list.
      users.push(...(body as ApiUser[]).map(toUser));
      return users;
    }
    const obj = body as { items?: ApiUser[]; _pagination?: { next?: { offset?: number } | null } };
    if (!Array.isArray(obj.items)) throw new UsageError(`${url.origin}${url.pathname}: unexpected answer (no user list)`);
    users.push(...obj.items.map(toUser));
    const next = obj._pagination?.next;
    if (!next || typeof next.offset !== 'number' || next.offset <= offset || obj.items.length === 0) return users;
    offset = next.offset;
  }
  throw new UsageError(`${base}: more than ${MAX_PAGES} pages of users; giving up`);
}
