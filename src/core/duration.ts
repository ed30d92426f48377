// How long something took, as people read it: in every report and sentence, including those the
// correlator writes (verdicts), so it lives below both. Through date-fns, one module each (the
// package's index loads some 250 files at every start).
import { formatDuration as dateFnsDuration } from 'date-fns/formatDuration';
import type { Duration } from 'date-fns';
import { millisecondsInDay, millisecondsInHour, millisecondsInMinute, millisecondsInSecond } from 'date-fns/constants';

// date-fns spells units out in a locale; ours are the short ones a table column has room for.
const SHORT_UNITS: Record<string, string> = { xDays: 'd', xHours: 'h', xMinutes: 'min', xSeconds: 's' };
const SHORT = { formatDistance: (token: string, count: number): string => `${count} ${SHORT_UNITS[token] ?? token}` };
const UNITS = [
  ['days', millisecondsInDay], ['hours', millisecondsInHour], ['minutes', millisecondsInMinute], ['seconds', millisecondsInSecond],
] as const;

/**
 * `3 d 2 h`, `1 h 0 min`, `4 min 5 s`, `42 s`: the largest unit and the next one, cut (not rounded)
 * so a duration is never shown longer than it was.
 */
export function formatDuration(ms: number): string {
  const d: Duration = {};
  let rest = Math.max(0, Math.floor(ms));
  for (const [unit, size] of UNITS) {
    d[unit] = Math.floor(rest / size);
    rest -= d[unit] * size;
  }
  const largest = UNITS.findIndex(([unit]) => d[unit]! > 0);
  const first = largest < 0 ? UNITS.length - 1 : largest;
  const shown = UNITS.slice(first, first + 2).map(([unit]) => unit);
  return dateFnsDuration(d, { format: shown, zero: true, delimiter: ' ', locale: SHORT });
}

// Python's str(timedelta), as the idle culler logs how long a user was inactive:
// `1:00:01.147961`, `2 days, 3:04:05`, `-1 day, 23:59:59`.
const TIMEDELTA = /^(?:(-?\d+) days?, )?(\d+):(\d\d):(\d\d)(?:\.\d+)?$/;

/** A timedelta's length in milliseconds, or null for text that is not one. */
export function timedeltaMs(text: string): number | null {
  const m = TIMEDELTA.exec(text.trim());
  if (!m) return null;
  return (((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000;
}
