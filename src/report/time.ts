// Times and durations as people read them, for every human-facing reporter and `watch`. The report
// model keeps instants as ISO 8601 UTC and the JSON report shows them as they are; only here are they
// shifted into the display zone and shortened. One style for a whole report (`2025-05-14 10:31:52`),
// with the zone named once by the reporter, so two times in one report never look different.
// One module each, never the package's index: that loads some 250 files at every start (slow, and
// past a 64-file descriptor limit).
import { format } from 'date-fns/format';
import { tz as inZone } from '@date-fns/tz';
import type { Report } from '../core/model/report.js';
import { assertTimeZone, fixedOffsetMinutes, isUtc, zoneOffsetMinutes } from '../core/time.js';
import { formatDuration, timedeltaMs } from '../core/duration.js';

export { assertTimeZone, formatDuration, zoneOffsetMinutes };

interface Wall {
  y: number; mo: number; d: number; h: number; mi: number; s: number;
}

/** Wall-clock fields of instant `ms` as seen in `tz` (the chart's axis places its ticks with them). */
export function wallClock(ms: number, tz?: string): Wall {
  const d = new Date(ms + zoneOffsetMinutes(ms, tz) * 60000);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
}

/** How the zone is named: `UTC`, `UTC+02:00`, or the IANA name. */
export function zoneLabel(tz?: string): string {
  if (isUtc(tz)) return 'UTC';
  return fixedOffsetMinutes(tz!) !== null ? `UTC${zoneSpec(tz)}` : tz!;
}

/** The zone as @date-fns/tz names it: `UTC`, `+02:00` or the IANA name. */
function zoneSpec(tz?: string): string {
  if (isUtc(tz)) return 'UTC';
  const fixed = fixedOffsetMinutes(tz!);
  if (fixed === null) return tz!;
  const a = Math.abs(fixed);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${fixed < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

const TIME_STYLE = 'yyyy-MM-dd HH:mm:ss';

/**
 * `2025-07-10 13:48:03`: the instant in the display zone, which the report names once. An
 * unparseable input is returned unchanged so a report never hides what the log said.
 */
export function formatTime(iso: string, tz?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  assertTimeZone(tz);
  return format(ms, TIME_STYLE, { in: inZone(zoneSpec(tz)) });
}

// Times written into the report's sentences by the correlator: ISO 8601 UTC (`…T10:31:52.732Z`)
// or `2025-05-13 13:02:52 UTC`.
const PROSE_TIME = /\b\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:\.\d+)?Z|\s\d\d:\d\d:\d\d UTC)/g;

/** A sentence of the report with every time in it in the report's style and zone. */
function proseTimes(text: string, tz?: string): string {
  return text.replace(PROSE_TIME, (m) => formatTime(m.endsWith(' UTC') ? `${m.slice(0, 10)}T${m.slice(11, 19)}Z` : m, tz));
}

/** A culler setting in seconds: `1 h (3600 s)`, so it still matches the number in values.yaml. */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return 'unknown';
  const short = formatDuration(s * 1000);
  return short === `${s} s` ? short : `${short} (${s} s)`;
}

/** The culler's inactivity as a duration (`1 h 0 min`); text that is not a timedelta unchanged. */
export function formatTimedelta(text: string): string {
  const ms = timedeltaMs(text);
  return ms === null || ms < 0 ? text : formatDuration(ms);
}

/** A time that stands alone, away from the report that names its zone (a live alert line). */
export function formatTimeWithZone(iso: string, tz?: string): string {
  const shown = formatTime(iso, tz);
  return shown === iso ? iso : `${shown} ${zoneLabel(tz)}`;
}

/** The report with the times in its verdict and findings sentences in the display style and zone. */
export function withDisplayTimes(r: Report, tz?: string): Report {
  return {
    ...r,
    verdict: { ...r.verdict, summary: proseTimes(r.verdict.summary, tz) },
    findings: r.findings.map((f) => ({ ...f, summary: proseTimes(f.summary, tz) })),
  };
}
