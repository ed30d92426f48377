// Display-time helpers shared by the human-facing reporters. The JSON report stays in UTC;
// only what people read is shifted, and every shown time carries its zone so a pasted
// line never becomes ambiguous.

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

interface Wall {
  y: number; mo: number; d: number; h: number; mi: number; s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function isUtc(tz: string | undefined): boolean {
  return tz === undefined || tz === '' || /^(utc|z|gmt|etc\/utc)$/i.test(tz);
}

function fixedOffsetMinutes(tz: string): number | null {
  const m = OFFSET.exec(tz);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      throw new RangeError(
        `unknown time zone "${tz}": use an IANA name like Europe/Berlin or an offset like +02:00`);
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
  const w = wallFromParts(formatter(tz!).formatToParts(new Date(ms)));
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

function wallFromParts(parts: Intl.DateTimeFormatPart[]): Wall {
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** Wall-clock fields of instant `ms` as seen in `tz`. */
export function wallClock(ms: number, tz?: string): Wall {
  const d = new Date(ms + zoneOffsetMinutes(ms, tz) * 60000);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
}

/** How the zone is named next to a time: `UTC`, `UTC+02:00`, or the IANA name. */
export function zoneLabel(tz?: string): string {
  if (isUtc(tz)) return 'UTC';
  const fixed = fixedOffsetMinutes(tz!);
  if (fixed !== null) {
    const a = Math.abs(fixed);
    return `UTC${fixed < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  }
  return tz!;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * `2025-07-10 13:48:03 UTC`, or the same instant in `tz` with its zone named
 * (`2025-07-10 15:48:03 Europe/Berlin`). An unparseable input is returned unchanged
 * so a report never hides what the log said.
 */
export function formatTime(iso: string, tz?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const w = wallClock(ms, tz);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)} ${zoneLabel(tz)}`;
}
