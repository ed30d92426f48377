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

/**
 * The level of `[L YYYY-MM-DD HH:MM:SS.mmm ` at the start of `s` (the hub's and jupyter_server's
 * prefix up to the logger name), or undefined. Checked by position: it is the hot path.
 */
export function datedLevel(s: string): Level | undefined {
  if (s.charCodeAt(0) !== 91 || s.charCodeAt(2) !== 32) return undefined;
  const level = levelAt(s, 1);
  if (!level || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 32 || s.charCodeAt(22) !== 46 || s.charCodeAt(26) !== 32) return undefined;
  return digitsAt(s, 3, 4) && digitsAt(s, 23, 3) ? level : undefined;
}

/**
 * The message after a prefix's closing `]` at `close`. One space after it is the prefix's; a paste
 * can hold more (a copy from a terminal or a chat doubles it), and no message starts with one.
 */
export function messageAfter(s: string, close: number): string {
  let at = close + 1;
  if (s.charCodeAt(at) !== 32) return s.slice(at);
  at++;
  while (s.charCodeAt(at) === 32 && at < s.length - 1) at++;
  return s.slice(at);
}
