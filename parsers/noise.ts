// The hot path of `analyze`: most of a hub log is DEBUG chatter and 2xx/3xx access lines the
// correlator never reads. This looks at the raw bytes of a line (no decoding, no regex) and says
// whether it is such a record, so it can be counted without ever becoming a string. The rule is
// the needles' (needles.ts), compiled to byte tables once.
import { IGNORED_LEVEL, REQUEST_NEEDLES, TEXT_NEEDLES } from './needles.js';

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
 * True when [o, e) is a JupyterHub-prefixed record the correlator never needs: DEBUG, a request
 * line no request needle wants, or any other message that contains no text needle (needles.ts).
 * `o` is where the prefix starts.
 */
export function isNoiseRecord(b: Uint8Array, o: number, e: number): boolean {
  if (e - o < 30 || b[o] !== 91 || !isLevel(b[o + 1]) || b[o + 2] !== SP || b[o + 7] !== 45 || b[o + 13] !== SP || b[o + 22] !== 46 || b[o + 26] !== SP) return false;
  if (b[o + 1] === IGNORED) return true;
  // `<name> <module>:<lineno>] `
  let k = o + 27;
  while (k < e && b[k] !== SP && b[k] !== 93) k++;
  if (b[k] !== SP) return false;
  while (k < e && b[k] !== 58 && b[k] !== 93) k++;
  k++;
  while (k < e && isDigit(b[k])) k++;
  if (b[k] !== 93 || b[k + 1] !== SP) return false;
  // Every space after the prefix, as the shapes take them (./shapes/level.ts).
  let m = k + 2;
  while (b[m] === SP && m < e - 1) m++;
  if (isDigit(b[m]) && isDigit(b[m + 1]) && isDigit(b[m + 2]) && b[m + 3] === SP) return !requestNeededAt(b, m, e);
  return !textNeededAt(b, m, e);
}

const ascii = (t: string) => Buffer.from(t, 'latin1');
const IGNORED = IGNORED_LEVEL.charCodeAt(0);

// The text needles by the first byte of their text (start) and as a list (end), each with the
// whole lines it does not want.
interface Compiled { t: Uint8Array; except: Uint8Array[] }
const STARTS: Compiled[][] = Array.from({ length: 256 }, () => []);
const ENDS: Compiled[] = [];
// Needles that differ only in what `filter` looks for further in are one rule here.
const seen = new Set<string>();
for (const n of TEXT_NEEDLES) {
  const key = `${n.at}\0${n.text}\0${(n.except ?? []).join('\0')}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const c = { t: ascii(n.text), except: (n.except ?? []).map(ascii) };
  if (n.at === 'start') STARTS[c.t[0]].push(c);
  else ENDS.push(c);
}

function excepted(b: Uint8Array, m: number, end: number, c: Compiled): boolean {
  for (const x of c.except) if (end - m === x.length && startsWithAt(b, m, x)) return true;
  return false;
}

interface RequestRule { status: number; method: Uint8Array | null; pathEnd: Uint8Array | null; named: boolean | null }
// status: 0 any, -1 any error (400+), else that status.
const RULES: RequestRule[] = REQUEST_NEEDLES.map((n) => ({
  status: n.status === undefined ? 0 : n.status === 'error' ? -1 : n.status,
  method: n.method === undefined ? null : ascii(n.method + ' '),
  pathEnd: n.pathEnd === undefined ? null : ascii(n.pathEnd),
  named: n.named ?? null,
}));

function endsWithAt(b: Uint8Array, end: number, n: Uint8Array): boolean {
  if (end - n.length < 0) return false;
  for (let i = 0; i < n.length; i++) if (b[end - n.length + i] !== n[i]) return false;
  return true;
}

function startsWithAt(b: Uint8Array, at: number, n: Uint8Array): boolean {
  for (let i = 0; i < n.length; i++) if (b[at + i] !== n[i]) return false;
  return true;
}

function textNeededAt(b: Uint8Array, m: number, e: number): boolean {
  let end = e;
  while (end > m && (b[end - 1] === SP || b[end - 1] === 9 || b[end - 1] === 13)) end--;
  const starts = STARTS[b[m]];
  for (let i = 0; i < starts.length; i++) if (startsWithAt(b, m, starts[i].t) && !excepted(b, m, end, starts[i])) return true;
  for (let i = 0; i < ENDS.length; i++) if (endsWithAt(b, end, ENDS[i].t) && !excepted(b, m, end, ENDS[i])) return true;
  return false;
}

/** `<status> <METHOD> <uri>[ -> <target>] (<user>@<ip>) <ms>ms`, judged by the request needles on its bytes. */
function requestNeededAt(b: Uint8Array, m: number, e: number): boolean {
  const status = (b[m] - 48) * 100 + (b[m + 1] - 48) * 10 + (b[m + 2] - 48);
  const method = m + 4;
  let u = method;
  while (u < e && b[u] !== SP) u++;
  let pathEnd = u + 1;
  while (pathEnd < e && b[pathEnd] !== SP && b[pathEnd] !== 63) pathEnd++;
  let named: boolean | null = null;
  for (let i = 0; i < RULES.length; i++) {
    const r = RULES[i];
    if (r.status !== 0 && (r.status === -1 ? status < 400 : status !== r.status)) continue;
    if (r.method !== null && !startsWithAt(b, method, r.method)) continue;
    if (r.pathEnd !== null && !endsWithAt(b, pathEnd, r.pathEnd)) continue;
    if (r.named !== null) {
      if (named === null) {
        // `(@ip)`: anonymous.
        let paren = e - 1;
        while (paren > pathEnd && b[paren] !== 40) paren--;
        named = b[paren + 1] !== 64;
      }
      if (named !== r.named) continue;
    }
    return true;
  }
  return false;
}
