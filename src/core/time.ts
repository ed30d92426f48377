// Times. In-line times in hub/culler/proxy lines carry no zone: they are read in the zone given by
// --tz (UTC by default). Envelope times (kubectl, CRI, JSON exports) are RFC 3339 with a zone.

/** A zone resolver: naive wall-clock milliseconds → UTC milliseconds. */
export type Zone = (naiveMs: number) => number;

export const UTC: Zone = (ms) => ms;

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

// One notion of a zone for reading logs (--tz for in-line times) and for showing times
// (src/report/time.ts): UTC, a fixed ±HH:MM offset, or an IANA name through Intl.

export function isUtc(tz: string | undefined): boolean {
  return tz === undefined || tz === '' || /^(utc|z|gmt|etc\/utc)$/i.test(tz);
}

export function fixedOffsetMinutes(tz: string): number | null {
  const m = OFFSET.exec(tz);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      throw new RangeError(`unknown time zone "${tz}": use an IANA name like Europe/Berlin or an offset like +02:00`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Throws a RangeError with a usable message when `tz` is neither UTC, ±HH:MM nor a known IANA zone. */
export function assertTimeZone(tz: string | undefined): void {
  if (isUtc(tz)) return;
  if (OFFSET.test(tz!)) {
    if (fixedOffsetMinutes(tz!) === null) throw new RangeError(`offset "${tz}" is out of range`);
    return;
  }
  formatter(tz!);
}

/** Minutes east of UTC that `tz` observes at instant `ms`. */
export function zoneOffsetMinutes(ms: number, tz?: string): number {
  if (isUtc(tz)) return 0;
  const fixed = fixedOffsetMinutes(tz!);
  if (fixed !== null) return fixed;
  const parts = formatter(tz!).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** Builds a zone from `UTC`, `±HH:MM` or an IANA name; throws a user-facing message if unknown. */
export function makeZone(spec: string | undefined): Zone {
  if (isUtc(spec)) return UTC;
  try {
    assertTimeZone(spec);
  } catch {
    throw new Error(`unknown time zone '${spec}' (use an IANA name like Europe/Berlin, or ±HH:MM)`);
  }
  const offsetMs = (utcMs: number) => zoneOffsetMinutes(utcMs, spec) * 60000;
  // The offset only changes at DST transitions, so cache it per hour of wall-clock time.
  const cache = new Map<number, number>();
  return (naive) => {
    const hour = Math.floor(naive / 3600000);
    let off = cache.get(hour);
    if (off === undefined) {
      off = offsetMs(naive - offsetMs(naive));
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

// A report formats a time for each of its ~100k refusals, in time order: the date of the last one
// is kept in a scratch buffer and only the clock digits are written (the string made from it is
// flat, where one built by concatenation would keep its pieces). Only for whole milliseconds in
// years 0000-9999; other times take the slow path.
let isoDay = NaN;
const scratch = Buffer.alloc(24);
const DAY_MS = 86_400_000;
const MAX_FOUR_DIGIT_YEAR_MS = 253402300800000;

function digits(at: number, n: number, width: number): void {
  for (let i = at + width - 1; i >= at; i--) {
    scratch[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
}

/** A span for people: 45s, 12m05s, 47h53m. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}

/** What a report writes where a time is required but the record had none. */
export const NO_TIME = '1970-01-01T00:00:00.000Z';

/** ISO 8601 UTC with milliseconds and Z, or null for an unknown time. */
export function iso(t: number): string | null {
  if (!Number.isFinite(t)) return null;
  const day = Math.floor(t / DAY_MS);
  if (day !== isoDay) {
    const s = new Date(t).toISOString();
    if (!Number.isInteger(t) || t < 0 || t >= MAX_FOUR_DIGIT_YEAR_MS) return s;
    isoDay = day;
    scratch.write(s, 0, 'latin1');
    return s;
  }
  if (!Number.isInteger(t)) return new Date(t).toISOString();
  let r = t - day * DAY_MS;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  digits(11, h, 2);
  digits(14, m, 2);
  digits(17, sec, 2);
  digits(20, r - sec * 1000, 3);
  return scratch.toString('latin1', 0, 24);
}
