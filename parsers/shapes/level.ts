import type { Level } from '../../src/core/model/events.js';

export function levelAt(s: string, i: number): Level | undefined {
  const c = s[i];
  return c === 'I' || c === 'W' || c === 'E' || c === 'D' || c === 'C' ? c : undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

export function digitsAt(s: string, i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
}
