// The hot path of `analyze`: most of a hub log is DEBUG chatter and 2xx/3xx access lines the
// correlator never reads. This looks at the raw bytes of a line (no decoding, no regex) and says
// whether it is such a record, so it can be counted without ever becoming a string.
// record.ts `accessNeeded` applies the same rule to parsed access lines.

const SP = 32;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLevel = (c: number) => c === 73 || c === 87 || c === 69 || c === 68 || c === 67; // I W E D C

/** Offset of the line inside a kubectl `--timestamps` or CRI `F` envelope, s itself when plain, -1 otherwise. */
export function innerStart(b: Uint8Array, s: number, e: number): number {
  const c = b[s];
  if (c === 91) return s;
  if (!isDigit(c) || e - s < 32 || b[s + 4] !== 45 || b[s + 10] !== 84) return -1;
  let j = s + 19;
  while (j < e && j < s + 40 && b[j] !== SP) j++;
  if (b[j] !== SP) return -1;
  j++;
  // CRI: `<ts> stdout F <line>` / `<ts> stderr F <line>`; a P piece is left to the full parser.
  if (b[j] === 115 && b[j + 1] === 116 && b[j + 6] === SP) return b[j + 7] === 70 && b[j + 8] === SP ? j + 9 : -1;
  return j;
}

/** A CRI line tagged `P`: a piece of a longer line that the next piece finishes. */
export function isCriPartial(b: Uint8Array, s: number, e: number): boolean {
  if (!isDigit(b[s]) || e - s < 32 || b[s + 10] !== 84) return false;
  let j = s + 19;
  while (j < e && j < s + 40 && b[j] !== SP) j++;
  return b[j + 1] === 115 && b[j + 7] === SP && b[j + 8] === 80;
}

/**
 * True when [o, e) is a JupyterHub-prefixed record the correlator never needs: level D, or a
 * 2xx/3xx access line it does not read (see isNoiseAccess). `o` is where the prefix starts.
 */
export function isNoiseRecord(b: Uint8Array, o: number, e: number): boolean {
  if (e - o < 30 || b[o] !== 91 || !isLevel(b[o + 1]) || b[o + 2] !== SP || b[o + 7] !== 45 || b[o + 13] !== SP || b[o + 22] !== 46 || b[o + 26] !== SP) return false;
  if (b[o + 1] === 68) return true;
  // `<name> <module>:<lineno>]`: the access line's module is `log`.
  let k = o + 27;
  while (k < e && b[k] !== SP && b[k] !== 93) k++;
  if (b[k] !== SP) return false;
  const mod = k + 1;
  while (k < e && b[k] !== 58 && b[k] !== 93) k++;
  const isLog = k - mod === 3 && b[mod] === 108 && b[mod + 1] === 111 && b[mod + 2] === 103;
  k++;
  while (k < e && isDigit(b[k])) k++;
  if (b[k] !== 93 || b[k + 1] !== SP) return false;
  const m = k + 2;
  if (isLog) return isNoiseAccess(b, m, e);
  // Two lines of every refused OAuth login that name nobody: the provider redirect, and the
  // `Failed login for unknown user` that follows the `not allowed` line (which is kept).
  return startsWithAt(b, m, OAUTH_REDIRECT) || (startsWithAt(b, m, FAILED_UNKNOWN) && (e - m === FAILED_UNKNOWN.length || e - m === FAILED_UNKNOWN.length + 2));
}

const ascii = (t: string) => Buffer.from(t, 'latin1');
const DELETE = ascii('DELETE ');
const POST = ascii('POST ');
const LOGIN = ascii('/login');
const CALLBACK = ascii('/oauth_callback');
const USERS = ascii('/api/users');
const OAUTH_REDIRECT = ascii('OAuth redirect: ');
const FAILED_UNKNOWN = ascii('Failed login for unknown user');

function endsWithAt(b: Uint8Array, end: number, n: Uint8Array): boolean {
  if (end - n.length < 0) return false;
  for (let i = 0; i < n.length; i++) if (b[end - n.length + i] !== n[i]) return false;
  return true;
}

function startsWithAt(b: Uint8Array, at: number, n: Uint8Array): boolean {
  for (let i = 0; i < n.length; i++) if (b[at + i] !== n[i]) return false;
  return true;
}

/**
 * `<status> <METHOD> <uri>[ -> <target>] (<user>@<ip>) <ms>ms` with a 2xx/3xx status, read from its
 * bytes. Kept (not noise): user DELETEs, user creations (201 POST), logins (a 200 POST /login is a
 * refused form login; otherwise only with a user: a successful one), and the user list the culler reads.
 */
function isNoiseAccess(b: Uint8Array, m: number, e: number): boolean {
  const st = b[m];
  if ((st !== 50 && st !== 51) || !isDigit(b[m + 1]) || !isDigit(b[m + 2]) || b[m + 3] !== SP) return false;
  const method = m + 4;
  if (startsWithAt(b, method, DELETE)) return false;
  const isPost = startsWithAt(b, method, POST);
  if (isPost && st === 50 && b[m + 1] === 48 && b[m + 2] === 49) return false;
  let u = method;
  while (u < e && b[u] !== SP) u++;
  let pathEnd = u + 1;
  while (pathEnd < e && b[pathEnd] !== SP && b[pathEnd] !== 63) pathEnd++;
  if (endsWithAt(b, pathEnd, USERS)) return false;
  if (endsWithAt(b, pathEnd, LOGIN) || endsWithAt(b, pathEnd, CALLBACK)) {
    if (isPost && st === 50 && b[m + 1] === 48 && b[m + 2] === 48) return false;
    // `(@ip)`: anonymous, a redirect on the way to the login page.
    let paren = e - 1;
    while (paren > pathEnd && b[paren] !== 40) paren--;
    return b[paren + 1] === 64;
  }
  return true;
}
