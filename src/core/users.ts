// Where a hub log names a user without saying "user": a URL path (`/user/<name>/…`,
// `/hub/api/users/<name>`, `/hub/spawn/<name>`), a `next=` URL that leads there (encoded once or
// twice, or inside a `redirect_uri`), the `next_url` of an OAuth state, and a KubeSpawner pod name.
// Shared by the parsers (which alone see an OAuth state before it is scrubbed) and the correlator.
import { safeDecodeURIComponent } from './text.js';
import type { CutAt } from './model/events.js';

// `[base_url]` then one of the routes that carry a name, the name being one path segment.
const NAMED_ROUTE = /^(?:\/[^/?#]+)*?\/(?:hub\/api\/users|hub\/spawn(?:-pending)?|hub\/user|user)\/([^/?#]+)/;
const NOT_NAMES = new Set(['', 'user-redirect']);
// Placeholders people paste instead of a name: `...`, `{user}`, `<username>`.
const PLACEHOLDER = /^(?:\.{2,}|…|\{[^}]*\}|<[^>]*>)$/;

/** A name as the log gives it, or null when it is a placeholder a person put there. */
export function realName(name: string | null | undefined): string | null {
  if (!name) return null;
  return PLACEHOLDER.test(name) ? null : name;
}

/** The user a request path names, percent-decoded; null for paths that name nobody. */
export function userFromPath(path: string): string | null {
  const m = NAMED_ROUTE.exec(path);
  if (!m) return null;
  const name = safeDecodeURIComponent(m[1]);
  return NOT_NAMES.has(name) ? null : realName(name);
}

// The REST resource of one user, `[base_url]/hub/api/users/<name>`: what is created and deleted.
const USER_RESOURCE = /^(?:\/[^/?#]+)*?\/hub\/api\/users\/([^/?#]+)$/;

/** The user whose API resource a path is (not a sub-resource such as `…/server`), decoded; or null. */
export function userOfResource(path: string): string | null {
  const m = USER_RESOURCE.exec(path);
  return m ? safeDecodeURIComponent(m[1]) : null;
}

/** The value of one query parameter (still encoded), or null. */
function param(query: string, key: string): string | null {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === key) return part.slice(eq + 1);
  }
  return null;
}

// A URL can carry the next one in `next`, and an OAuth authorize URL its client's callback.
const NESTED = ['next', 'redirect_uri'];
const MAX_DEPTH = 4;

/** The user a URL leads to: its path, else the URLs nested in its query. */
function userFromUrl(url: string, depth = 0): string | null {
  let rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const user = userFromPath(q < 0 ? rest : rest.slice(0, q));
  if (user !== null || q < 0 || depth >= MAX_DEPTH) return user;
  return userFromQuery(rest.slice(q + 1), NESTED, depth + 1);
}

/** A query value as a URL: decoded once, or twice when a redirect encoded it again (`%252F…`). */
function decodedUrl(v: string): string {
  const once = safeDecodeURIComponent(v.replace(/\+/g, '%20'));
  return /^(?:%2F|[a-z][a-z0-9+.-]*%3A)/i.test(once) ? safeDecodeURIComponent(once) : once;
}

/** The user the first of `keys` present in a query (`a=1&next=%2Fuser%2Fx`) leads to. */
export function userFromQuery(query: string, keys: readonly string[] = ['next'], depth = 0): string | null {
  for (const key of keys) {
    const v = param(query, key);
    if (v === null) continue;
    const user = userFromUrl(decodedUrl(v), depth);
    if (user !== null) return user;
  }
  return null;
}

/**
 * The user an OAuth state leads to. JupyterHub's own clients and OAuthenticator up to 16.0 write
 * the state as base64url JSON with a `next_url`; from 16.1 the callback's state is an id only, and
 * some services use a random token: those name nobody. The decoded state is never kept.
 */
export function userFromState(state: string): string | null {
  if (!state.startsWith('eyJ') || state.length > 4096) return null;
  let next: unknown;
  try {
    next = (JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as { next_url?: unknown }).next_url;
  } catch {
    return null;
  }
  return typeof next === 'string' ? userFromUrl(next) : null;
}

/** The `state=` values of a raw URI, as written (base64url needs no decoding of its own). */
export function statesIn(uri: string): string[] {
  const out: string[] = [];
  const re = /[?&]state=([A-Za-z0-9_-]+)/g;
  for (let m = re.exec(uri); m; m = re.exec(uri)) out.push(m[1]);
  return out;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The user of a KubeSpawner pod (`jupyter-<name>[--<server>]`): KubeSpawner up to 6 escapes every
 * character but lowercase letters and digits as `-` and two hex digits (`alice@example.com` →
 * `alice-40example-2ecom`). Pods named another way (KubeSpawner 7's hashed slugs) name nobody.
 */
export function userFromPod(pod: string): string | null {
  const m = /^jupyter-([a-z0-9-]+?)(?:--[a-z0-9-]+)?$/.exec(pod);
  if (!m || m[1].includes('---')) return null;
  // Each escape is one byte of the name's UTF-8: collected as bytes, decoded once at the end.
  const bytes: number[] = [];
  const s = m[1];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '-') {
      bytes.push(s.charCodeAt(i));
      continue;
    }
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9a-f]{2}$/.test(hex)) return null;
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  try {
    return bytes.length > 0 ? UTF8.decode(Uint8Array.from(bytes)) : null;
  } catch {
    return null; // not the escape of any name
  }
}

/**
 * The part of a URI cut at a screen's edge that is whole, for reading names from it: a cut query
 * up to its last `&` (the parameter after it may be a piece of one), a cut path up to its last `/`
 * (`/user/ali` may be `/user/alice/`); the whole URI when the cut fell after it or there was none.
 */
export function wholeUri(uri: string, cut: CutAt | undefined): string {
  if (cut === 'path') return uri.slice(0, uri.lastIndexOf('/') + 1);
  const q = uri.indexOf('?');
  if (cut !== 'query' || q < 0) return uri;
  const amp = uri.lastIndexOf('&');
  return uri.slice(0, amp > q ? amp : q);
}
