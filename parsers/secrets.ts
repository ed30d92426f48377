// Secrets are replaced where they enter: every event text passes through here before anything
// downstream (events, reports, evidence) can see it. JupyterHub scrubs its access line itself, but
// tornado's `web:` lines print the raw URI (OAuth code/state) and the culler's ioloop errors print
// its api_token.

// `[secret]` itself is not a reason to look again.
const NEEDLE = /token|code|state|auth|key|secret[^\]]|passw|xsrf|bearer/i;

// Query parameters whose key contains a sensitive word, as JupyterHub's own _scrub_uri does.
const QUERY = /([?&;][^=&\s#?]*?(?:token|auth|key|code|state|xsrf|secret|password)[^=&\s#?]*)=(?!\[secret\])([^&\s#'")]*)/gi;
// key=value / key: value / 'key': 'value' shapes outside URLs (python reprs, JSON, env dumps).
const ASSIGN = /\b([\w-]*(?:token|secret|password|api_key|apikey)[\w-]*)(['"]?\s*[=:]\s*)(['"]?)(?!\[secret\])([^'"\s,)}&\]]+)/gi;
const AUTH_HEADER = /(authorization['"]?\s*[:=]\s*['"]?)([A-Za-z]+)\s+(?!\[secret\])([^\s'",}]+)/gi;
const BEARER = /\b(bearer|token)\s+(?!\[secret\])([A-Za-z0-9._~+/=-]{20,})/gi;
const STATE_MISMATCH = /(OAuth state mismatch: )\S+ != \S+/g;
// JupyterHub's _scrub_uri: the last path segment of these API routes is a token or cookie value.
const AUTHZ_PATH = /(\/api\/authorizations\/(?:cookie|token)\/(?:[^/?#\s]+\/)?)(?!\[secret\])([^/?#\s()]+)/g;

const SECRET = '[secret]';

export function scrubSecrets(text: string): string {
  if (!NEEDLE.test(text)) return text;
  // Each rewrite only where its own cheap test says it can match: this runs on every parsed line.
  let out = text;
  if (out.indexOf('=') >= 0 && (out.indexOf('?') >= 0 || out.indexOf('&') >= 0 || out.indexOf(';') >= 0)) out = out.replace(QUERY, `$1=${SECRET}`);
  if (/authorization/i.test(out)) out = out.replace(AUTH_HEADER, `$1$2 ${SECRET}`);
  if (/token|secret[^\]]|password|api_?key/i.test(out)) {
    out = out.replace(ASSIGN, (_m, k: string, sep: string, q: string) => `${k}${sep}${q}${SECRET}`);
  }
  if (/bearer|token/i.test(out)) out = out.replace(BEARER, `$1 ${SECRET}`);
  if (out.indexOf('OAuth state mismatch') >= 0) out = out.replace(STATE_MISMATCH, `$1${SECRET} != ${SECRET}`);
  if (out.indexOf('/api/authorizations/') >= 0) out = out.replace(AUTHZ_PATH, `$1${SECRET}`);
  return out;
}
