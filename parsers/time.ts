// Times. In-line times in hub/culler/proxy lines carry no zone: they are read in the zone given by
// --tz (UTC by default). Envelope times (kubectl, CRI, JSON exports) are RFC 3339 with a zone.

/** A zone resolver: naive wall-clock milliseconds → UTC milliseconds. */
export type Zone = (naiveMs: number) => number;

export const UTC: Zone = (ms) => ms;

const OFFSET = /^([+-])(\d\d):?(\d\d)$/;

/** Builds a zone from `UTC`, `±HH:MM` or an IANA name; throws a user-facing message if unknown. */
export function makeZone(spec: string | undefined): Zone {
  if (!spec || spec === 'UTC' || spec === 'Z') return UTC;
  const m = OFFSET.exec(spec);
  if (m) {
    const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000;
    return (ms) => ms - off;
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: spec, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new Error(`unknown time zone '${spec}' (use an IANA name like Europe/Berlin, or ±HH:MM)`);
  }
  // The offset only changes at DST transitions, so cache it per hour of wall-clock time.
  const cache = new Map<number, number>();
  const offsetAt = (utcMs: number): number => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
  };
  return (naive) => {
    const hour = Math.floor(naive / 3600000);
    let off = cache.get(hour);
    if (off === undefined) {
      off = offsetAt(naive - offsetAt(naive));
      if (cache.size > 10000) cache.clear();
      cache.set(hour, off);
    }
    return naive - off;
  };
}

const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/** `YYYY-MM-DD HH:MM:SS` at offset i (19 chars), as naive ms; NaN if malformed. */
export function naiveDateTime(s: string, i: number): number {
  const y = d2(s, i) * 100 + d2(s, i + 2);
  const v = Date.UTC(y, d2(s, i + 5) - 1, d2(s, i + 8), d2(s, i + 11), d2(s, i + 14), d2(s, i + 17));
  return v;
}

/** The culler 1.x date `yymmdd HH:MM:SS` at offset i (15 chars), as naive ms. */
export function naiveCullerDateTime(s: string, i: number): number {
  return Date.UTC(2000 + d2(s, i), d2(s, i + 2) - 1, d2(s, i + 4), d2(s, i + 7), d2(s, i + 10), d2(s, i + 13));
}

/** RFC 3339 with any number of fraction digits and a zone; NaN if it is not one. */
export function parseRfc3339(s: string): number {
  return Date.parse(s);
}

/** ISO 8601 UTC with milliseconds and Z, or null for an unknown time. */
export function iso(t: number): string | null {
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
