// Field readers shared by the JSON export shapes.
import { inDateRange, parseTime } from '../../../src/core/time.js';
import type { Unwrapped } from '../types.js';

export type Obj = Record<string, unknown>;

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The first candidate that is a time: an RFC 3339 string, or a number in ns, ms or s since the epoch. */
export function time(...candidates: unknown[]): number {
  for (const c of candidates) {
    if (typeof c === 'string') {
      const t = parseTime(c);
      if (Number.isFinite(t)) return t;
    } else if (typeof c === 'number' && Number.isFinite(c)) {
      // Out of a Date's range it is no time at all (the record is then read as having none).
      return inDateRange(c > 1e14 ? c / 1e6 : c > 1e11 ? c : c * 1000);
    }
  }
  return NaN;
}

/** Strips the one trailing newline the writer put at the end of a complete line. */
export function body(s: string): { text: string; complete: boolean } {
  if (s.endsWith('\r\n')) return { text: s.slice(0, -2), complete: true };
  if (s.endsWith('\n')) return { text: s.slice(0, -1), complete: true };
  return { text: s, complete: false };
}

/** A time written without a zone by a service that keeps UTC (`2025-05-14 13:40:02.118`). */
export function utcTime(v: unknown): number {
  if (typeof v !== 'string') return time(v);
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z';
  return time(zoned);
}

/**
 * A service's message field: the hub's line itself, or (a collector in between, such as Fluent Bit
 * for Container Insights) that collector's record as JSON, read by the export it belongs to. The
 * inner record's time and names win; the service's time stands in when it has none.
 */
export function messageField(envelope: string, message: string, t: number, inner: (o: Obj) => Unwrapped | null): Unwrapped {
  if (message.charCodeAt(0) === 123) {
    let o: unknown;
    try {
      o = JSON.parse(message);
    } catch {
      o = null;
    }
    const u = obj(o) ? inner(o as Obj) : null;
    if (u) return { ...u, envelope, t: Number.isFinite(u.t) ? u.t : t };
  }
  return { envelope, text: body(message).text, t };
}
