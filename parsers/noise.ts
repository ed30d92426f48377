// The hot path of `analyze`: most of a hub log is DEBUG chatter and 2xx/3xx access lines the
// correlator never reads. This looks at the raw bytes of a line (no decoding, no regex) and says
// whether it is such a record, so it can be counted without ever becoming a string.
// The same needles decide in record.ts (`maybeNeeded`) and feed `hubsleuth filter`, so the push-down
// filters and the fast path cannot drift apart.

/** Substrings that make a 2xx/3xx access line worth parsing. */
export const ACCESS_NEEDLES = ['DELETE ', '201 POST', 'login', 'oauth_callback', '/api/users?', '/api/users ('] as const;
const NEEDLE_BYTES = ACCESS_NEEDLES.map((n) => Buffer.from(n, 'latin1'));

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
  if ((b[j] === 115) && b[j + 1] === 116 && b[j + 6] === SP) return b[j + 7] === 70 && b[j + 8] === SP ? j + 9 : -1;
  return j;
}

/**
 * True when [s, e) is a JupyterHub-prefixed record the correlator never needs: level D, or a
 * 2xx/3xx access line with none of the needles. `o` is where the prefix starts.
 */
export function isNoiseRecord(b: Uint8Array, o: number, e: number): boolean {
  if (e - o < 30 || b[o] !== 91 || !isLevel(b[o + 1]) || b[o + 2] !== SP || b[o + 7] !== 45 || b[o + 13] !== SP || b[o + 22] !== 46 || b[o + 26] !== SP) return false;
  if (b[o + 1] === 68) return true;
  // `<name> <module>:<lineno>]`: the access line's module is `log`.
  let k = o + 27;
  while (k < e && b[k] !== SP && b[k] !== 93) k++;
  if (b[k] !== SP || b[k + 1] !== 108 || b[k + 2] !== 111 || b[k + 3] !== 103 || b[k + 4] !== 58) return false;
  k += 5;
  while (k < e && isDigit(b[k])) k++;
  if (b[k] !== 93 || b[k + 1] !== SP) return false;
  const m = k + 2;
  if (b[m] !== 50 && b[m] !== 51) return false;
  return !hasNeedle(b, m, e);
}

// One pass over the message: compare a needle only where its first byte appears. A generic
// indexOf per needle would be several scans per line, and Buffer.indexOf cannot stop at the line end.
function hasNeedle(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 47 && c !== 68 && c !== 50 && c !== 108 && c !== 111) continue;
    for (const n of NEEDLE_BYTES) {
      if (n[0] !== c || i + n.length > to) continue;
      let k = 1;
      while (k < n.length && b[i + k] === n[k]) k++;
      if (k === n.length) return true;
    }
  }
  return false;
}

/** The in-line time text of a JupyterHub record at o (`YYYY-MM-DD HH:MM:SS.mmm`). */
export function hubTimeAt(b: Uint8Array, o: number): string {
  return String.fromCharCode(...b.subarray(o + 3, o + 26));
}
