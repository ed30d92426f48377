// Percent-decoding that remembers where each decoded character came from. A secret or a name can
// sit inside a URL that is itself a query value (`next=%2Fhub%2F…%3Fstate%3D…`), encoded once or
// twice; the scrubber and the redactor read the decoded text and rewrite the original at the places
// the map points to, so everything they do not touch keeps its encoding.

/** Decoded text; character i of `text` came from `original.slice(start[i], end[i])`. */
export interface Decoded {
  text: string;
  start: Int32Array;
  end: Int32Array;
}

// Enough for any real nesting (a URL inside a `next=` inside a login redirect is two levels).
const MAX_ROUNDS = 4;

const hex = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

function byteAt(s: string, i: number): number {
  if (i + 2 >= s.length || s.charCodeAt(i) !== 37) return -1;
  const h = hex(s.charCodeAt(i + 1));
  const l = hex(s.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

/** One round: `%XX` sequences that form valid UTF-8 become characters; anything else is kept. */
function decodeOnce(s: string): { text: string; from: Int32Array; to: Int32Array } | null {
  let i = s.indexOf('%');
  if (i < 0) return null;
  // A decoded string is never longer than its source, so the maps fit in s.length.
  const from = new Int32Array(s.length);
  const to = new Int32Array(s.length);
  let text = '';
  let n = 0;
  let copied = 0;
  let changed = false;
  const keep = (upto: number) => {
    text += s.slice(copied, upto);
    for (let k = copied; k < upto; k++, n++) {
      from[n] = k;
      to[n] = k + 1;
    }
  };
  while (i >= 0) {
    const b = byteAt(s, i);
    const len = b < 0 ? 0 : b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let ok = len > 0;
    for (let k = 1; ok && k < len; k++) {
      const c = byteAt(s, i + 3 * k);
      if (c < 0x80 || c > 0xbf) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (len === 3 && cp < 0x800) || (len === 4 && cp < 0x10000))) ok = false;
    if (!ok) {
      i = s.indexOf('%', i + 1);
      continue;
    }
    keep(i);
    const ch = String.fromCodePoint(cp);
    text += ch;
    for (let k = 0; k < ch.length; k++, n++) {
      from[n] = i;
      to[n] = i + 3 * len;
    }
    copied = i + 3 * len;
    changed = true;
    i = s.indexOf('%', copied);
  }
  if (!changed) return null;
  keep(s.length);
  return { text, from: from.subarray(0, n), to: to.subarray(0, n) };
}

/** Decodes to a fixed point (or MAX_ROUNDS); null when there was nothing to decode. */
export function percentDecode(original: string): Decoded | null {
  const cur = decodeOnce(original);
  if (!cur) return null;
  let start = cur.from;
  let end = cur.to;
  let text = cur.text;
  for (let round = 1; round < MAX_ROUNDS; round++) {
    const next = decodeOnce(text);
    if (!next) break;
    const s2 = new Int32Array(next.text.length);
    const e2 = new Int32Array(next.text.length);
    for (let i = 0; i < next.text.length; i++) {
      s2[i] = start[next.from[i]];
      e2[i] = end[next.to[i] - 1];
    }
    start = s2;
    end = e2;
    text = next.text;
  }
  return { text, start, end };
}

/** The original range behind decoded [a, b). */
export function originalRange(d: Decoded, a: number, b: number): [number, number] {
  return [d.start[a], d.end[b - 1]];
}
