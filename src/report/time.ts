// Display-time helpers shared by the human-facing reporters. The JSON report stays in UTC;
// only what people read is shifted, and every shown time carries its zone so a pasted
// line never becomes ambiguous.

import { fixedOffsetMinutes, isUtc, zoneOffsetMinutes } from '../core/time.js';

export { assertTimeZone, zoneOffsetMinutes } from '../core/time.js';

interface Wall {
  y: number; mo: number; d: number; h: number; mi: number; s: number;
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
