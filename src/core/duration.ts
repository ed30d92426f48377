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
