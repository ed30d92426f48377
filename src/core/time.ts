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
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const asUtc = new Date(Date.UTC(2000, 0, 1, get('hour') % 24, get('minute'), get('second'))).setUTCFullYear(get('year'), get('month') - 1, get('day'));
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

// A digit's value, NaN for anything else: NaN then fails every range check below.
const dig = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const d2 = (s: string, i: number) => dig(s, i) * 10 + dig(s, i + 1);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]);

/**
 * A wall-clock time as naive ms, NaN when it names no real moment: Date.UTC rolls 2025-02-30 over
 * into March and 25:00 into the next day, which would put a record on a day it never had. Python
 * writes years 1 to 9999 and seconds 0 to 59.
 */
function civil(y: number, mo: number, d: number, h: number, mi: number, sec: number): number {
  if (!(y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59)) return NaN;
  const v = Date.UTC(y, mo - 1, d, h, mi, sec);
  // Date.UTC reads years 0-99 as 1900-1999.
  return y < 100 ? new Date(v).setUTCFullYear(y) : v;
}

/** `YYYY-MM-DD HH:MM:SS` at offset i (19 chars), as naive ms; NaN if malformed or impossible. */
export function naiveDateTime(s: string, i: number): number {
  return civil(d2(s, i) * 100 + d2(s, i + 2), d2(s, i + 5), d2(s, i + 8), d2(s, i + 11), d2(s, i + 14), d2(s, i + 17));
}

/** The culler 1.x date `yymmdd HH:MM:SS` at offset i (15 chars), as naive ms; NaN if impossible. */
export function naiveCullerDateTime(s: string, i: number): number {
  return civil(2000 + d2(s, i), d2(s, i + 2), d2(s, i + 4), d2(s, i + 7), d2(s, i + 10), d2(s, i + 13));
}

/** The largest distance from the epoch a Date can hold (±100,000,000 days). */
const MAX_TIME_MS = 8.64e15;

/** `t` when a Date can hold it, NaN otherwise (an epoch number in the wrong unit, a corrupt export). */
export const inDateRange = (t: number): number => (t >= -MAX_TIME_MS && t <= MAX_TIME_MS ? t : NaN);

/**
 * An RFC 3339 / ISO 8601 time with a zone (envelopes, exports), NaN when malformed or when its date
 * does not exist: Date.parse accepts day 31 in any month and rolls 2025-02-30 over into March.
 */
export function parseTime(s: string): number {
  const t = Date.parse(s);
  if (!Number.isFinite(t) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return t;
  const d = d2(s, 8);
  return d > 28 && d > daysInMonth(d2(s, 0) * 100 + d2(s, 2), d2(s, 5)) ? NaN : t;
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

/** What a report writes where a time is required but the record had none. */
export const NO_TIME = '1970-01-01T00:00:00.000Z';

/** ISO 8601 UTC with milliseconds and Z, or null for an unknown time. */
export function iso(t: number): string | null {
  if (!Number.isFinite(inDateRange(t))) return null;
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
