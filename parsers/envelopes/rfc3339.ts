// Cheap checks for an RFC 3339 timestamp at a position, so envelopes are recognised without a regex.

const isDigit = (c: number) => c >= 48 && c <= 57;

/** `YYYY-MM-DDTHH:MM:SS` at i. */
export function looksLikeRfc3339At(s: string, i: number): boolean {
  return (
    s.length >= i + 20 && isDigit(s.charCodeAt(i)) && isDigit(s.charCodeAt(i + 3)) && s.charCodeAt(i + 4) === 45 &&
    s.charCodeAt(i + 7) === 45 && s.charCodeAt(i + 10) === 84 && s.charCodeAt(i + 13) === 58 && s.charCodeAt(i + 16) === 58
  );
}

/** Index just past the timestamp (fraction and zone included), or -1. */
export function rfc3339End(s: string, i: number): number {
  let j = i + 19;
  if (s.charCodeAt(j) === 46) {
    j++;
    while (isDigit(s.charCodeAt(j))) j++;
  }
  const c = s.charCodeAt(j);
  if (c === 90 || c === 122) return j + 1;
  if ((c === 43 || c === 45) && isDigit(s.charCodeAt(j + 1)) && s.charCodeAt(j + 3) === 58) return j + 6;
  return -1;
}
