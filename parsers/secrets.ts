// Secrets are replaced where they enter: every event text passes through here before anything
// downstream (events, reports, evidence) can see it, and the check-* commands pass their output and
// errors through it too. JupyterHub scrubs its access line itself, but tornado's `web:` lines print
// the raw URI (OAuth code/state), the culler's ioloop errors print its api_token, header dumps carry
// cookies, and a `next=` parameter carries a whole URL, encoded once or twice.
//
// Decode, then scrub: each rule finds the places of secret values (not replacements), in the text
// as written and in its percent-decoded form; the places found in the decoded form are mapped back,
// so the text keeps its encoding everywhere else (paths, `(user@ip)`, status codes stay readable).
import { originalRange, percentDecode } from '../src/core/percent.js';
import { SECRET } from '../src/core/secret-mark.js';

// No rule can match without one of these; most records have none, and this runs on every record.
const NEEDLE = /token|code|state|auth|key|secret[^\]]|passw|xsrf|bearer|cookie|ticket|session|signature|sig(?:=|%)|credential|eyJ|-----BEGIN|:\/\/[^\s/]*@|%(?:25)*3A%(?:25)*2F/i;

interface Rule {
  /**
   * The secret value is the last group that matched, and it ends the match (closing quotes and
   * `@` are lookaheads), so its place follows from the match's end without the costly `d` flag.
   */
  re: RegExp;
  keep?: (value: string) => boolean;
  /** An empty value is replaced too (JupyterHub's own scrubbing writes `key=[secret]` for it). */
  empty?: boolean;
  /** A cheap test before the regex runs. */
  when?: (s: string) => boolean;
}

const RULES: Rule[] = [
  {
    // Query and fragment parameters whose key names a credential (as JupyterHub's own _scrub_uri,
    // plus CAS tickets, session ids and signed-URL signatures: X-Amz-Signature, Signature, sig).
    when: (s) => s.indexOf('=') >= 0,
    empty: true,
    re: /[?&;#](?:[^=&\s#?]*?(?:token|auth|key|code|state|xsrf|secret|passw|ticket|session|signature|credential)[^=&\s#?]*|sig)=([^&\s#'")]*)/gi,
  },
  {
    // Authorization headers with or without a scheme word (`token`, `Bearer`, `Basic`).
    when: (s) => /authorization/i.test(s),
    re: /authorization['"]?\s*[:=]\s*['"]?(?:[A-Za-z][\w-]*\s+)?([^\s'",}]+)/gi,
  },
  {
    // key=value, key: value, 'key': 'value', JSON, and tornado's form repr 'key': [b'value'].
    re: /(?:token|secret|passw(?:or)?d|api[_-]?key|session_id|xsrf|credential)[\w-]*['"]?\s*[=:]\s*(?!\[secret\])(?:\[\s*)?(?:b?'((?:[^'\\\n]|\\.)*)(?=')|b?"((?:[^"\\\n]|\\.)*)(?=")|([^'"\s,;)}&\]]+))/gi,
  },
  {
    // `Bearer …`, `token …`, `refresh_token …`: a word after which a credential follows. A value
    // must look like one (a digit in it, or long), so `token validation failed` keeps its words.
    when: (s) => /bearer|token/i.test(s),
    re: /(?:bearer|token)\s+(?!\[secret\])([A-Za-z0-9._~+/=-]{8,})/gi,
    keep: (v) => /\d/.test(v) || v.length >= 20,
  },
  {
    // Both sides of the mismatch are states: the second here, the first in the next rule.
    when: (s) => s.indexOf('OAuth state mismatch') >= 0,
    re: /OAuth state mismatch: \S+ != (\S+)/g,
  },
  {
    when: (s) => s.indexOf('OAuth state mismatch') >= 0,
    re: /OAuth state mismatch: (\S+)(?= != )/g,
  },
  {
    // JupyterHub's _scrub_uri: the last path segment of these API routes is a token or cookie value.
    when: (s) => s.indexOf('/api/authorizations/') >= 0,
    re: /\/api\/authorizations\/(?:cookie|token)\/(?:[^/?#\s]+\/)?([^/?#\s()]+)/g,
  },
  {
    // scheme://user:password@host (database URLs, proxies, --url): the user stays, the password goes.
    when: (s) => s.indexOf('@') >= 0 && s.indexOf('://') >= 0,
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"]*:([^\s/?#'"]+)(?=@)/gi,
  },
  {
    // A bare JWT: base64url JSON header and payload (both start `{"` → `eyJ`), then the signature.
    when: (s) => s.indexOf('.eyJ') >= 0,
    re: /\b(eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*)/g,
  },
  {
    // A private key blob, to its END line (or to the end of the record when it was cut).
    when: (s) => s.indexOf('-----BEGIN') >= 0,
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----([\s\S]*?)(?=-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  },
];

// Cookie attributes are not secrets; every other name=value in a Cookie/Set-Cookie header is a cookie.
const COOKIE_ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'priority', 'version', 'comment']);
const COOKIE_HEADER = /\b(?:set-)?cookie['"]?\s*[:=]\s*(['"]?)/gi;
const COOKIE_PAIR = /(?:^|;)\s*([^=;\s]+)\s*=\s*"?([^;"]*)/g;

/** Every cookie value of every Cookie / Set-Cookie header, whatever the cookie is called. */
function cookieSpans(s: string, out: Array<[number, number]>): void {
  COOKIE_HEADER.lastIndex = 0;
  for (let m = COOKIE_HEADER.exec(s); m; m = COOKIE_HEADER.exec(s)) {
    const from = m.index + m[0].length;
    const q = m[1];
    // The header value ends at its closing quote (repr / JSON dumps) or at the end of the line.
    let to = s.indexOf('\n', from);
    if (to < 0) to = s.length;
    if (q) {
      for (let i = from; i < to; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === q) {
          to = i;
          break;
        }
      }
    }
    const value = s.slice(from, to);
    COOKIE_PAIR.lastIndex = 0;
    for (let p = COOKIE_PAIR.exec(value); p; p = COOKIE_PAIR.exec(value)) {
      if (p[0].length === 0) {
        COOKIE_PAIR.lastIndex++;
        continue;
      }
      const v = p[2].trimEnd();
      if (!v || v === SECRET || COOKIE_ATTRIBUTES.has(p[1].toLowerCase())) continue;
      const at = from + p.index + p[0].length - p[2].length;
      out.push([at, at + v.length]);
    }
    COOKIE_HEADER.lastIndex = Math.max(COOKIE_HEADER.lastIndex, to);
  }
}

function spansOf(s: string, out: Array<[number, number]>): void {
  for (const r of RULES) {
    if (r.when && !r.when(s)) continue;
    r.re.lastIndex = 0;
    for (let m = r.re.exec(s); m; m = r.re.exec(s)) {
      let v: string | undefined;
      for (let g = m.length - 1; g > 0 && v === undefined; g--) v = m[g];
      if (v === undefined || (!v && !r.empty) || v === SECRET || (r.keep && !r.keep(v))) continue;
      const end = m.index + m[0].length;
      out.push([end - v.length, end]);
    }
  }
  if (/cookie/i.test(s)) cookieSpans(s, out);
}

function replaceSpans(text: string, spans: Array<[number, number]>): string {
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let out = '';
  let at = 0;
  let last: [number, number] | null = null;
  for (const sp of spans) {
    // Places found twice (as written and decoded) or overlapping are one secret.
    if (last && sp[0] <= last[1]) {
      if (sp[1] > last[1]) last[1] = sp[1];
      continue;
    }
    if (last) {
      out += text.slice(at, last[0]) + SECRET;
      at = last[1];
    }
    last = [sp[0], sp[1]];
  }
  if (last) {
    out += text.slice(at, last[0]) + SECRET;
    at = last[1];
  }
  return out + text.slice(at);
}

// Decoding can only reveal a secret where an encoded `=` or quote (a parameter or an assignment) or
// an encoded `scheme://user:pw@` stands. `%2F` and `%40` alone (paths, e-mail user names) cannot,
// and they are in most access lines, so those are not decoded.
function hidesStructure(s: string): boolean {
  let colon = false;
  let at = false;
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    let j = i + 1;
    while (s.charCodeAt(j) === 50 && s.charCodeAt(j + 1) === 53) j += 2; // %25… (encoded again)
    const hi = s.charCodeAt(j);
    const lo = s.charCodeAt(j + 1) | 32;
    if (hi === 51 && lo === 100) return true; // 3D =
    if (hi === 50 && (lo === 50 || lo === 55)) return true; // 22 " and 27 '
    if (hi === 51 && lo === 97) colon = true; // 3A :
    else if (hi === 52 && lo === 48) at = true; // 40 @
    if (colon && at) return true;
  }
  return false;
}

export function scrubSecrets(text: string): string {
  if (!NEEDLE.test(text)) return text;
  const spans: Array<[number, number]> = [];
  spansOf(text, spans);
  // A URL inside a parameter (`next=%2Fhub%2F…%3Fstate%3D…`): read it decoded as well.
  if (text.indexOf('%') >= 0 && hidesStructure(text)) {
    const d = percentDecode(text);
    if (d && NEEDLE.test(d.text)) {
      const found: Array<[number, number]> = [];
      spansOf(d.text, found);
      for (const [a, b] of found) spans.push(originalRange(d, a, b));
    }
  }
  return spans.length === 0 ? text : replaceSpans(text, spans);
}
