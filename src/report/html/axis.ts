// The time axis: domain from everything the report mentions, ticks on wall-clock boundaries
// of the display zone (a 6-hour tick at 06:00 Berlin time, not at 06:00 UTC).
import type { Report } from '../../core/model/report.js';
import { wallClock, zoneOffsetMinutes } from '../time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEPS = [5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 364 * DAY];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Domain { t0: number; t1: number }

export function domainOf(report: Report): Domain | null {
  // A running minimum and maximum: Math.min(...times) overflows the stack past ~120k refusals.
  let t0 = Infinity;
  let t1 = -Infinity;
  const add = (iso: string | null | undefined): void => {
    const t = iso ? Date.parse(iso) : NaN;
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
  };
  for (const i of report.inputs) { add(i.first); add(i.last); }
  for (const i of report.incidents) {
    add(i.deletedAt); add(i.firstDeniedAt); add(i.lastDeniedAt); add(i.restoredAt);
  }
  for (const d of report.denials) add(d.at);
  for (const h of report.hubStarts) add(h.at);
  if (t0 > t1) return null;
  if (t1 - t0 < HOUR) { t0 -= HOUR / 2; t1 += HOUR / 2; }
  const pad = (t1 - t0) * 0.01;
  return { t0: t0 - pad, t1: t1 + pad };
}

export interface Tick { t: number; time: string; date: string | null }

const p2 = (n: number): string => String(n).padStart(2, '0');

/** About `maxTicks` ticks; each tick names its date when the date changed since the previous one. */
export function ticks({ t0, t1 }: Domain, tz: string | undefined, maxTicks = 10): Tick[] {
  const step = STEPS.find((s) => (t1 - t0) / s <= maxTicks) ?? STEPS[STEPS.length - 1];
  const out: Tick[] = [];
  const off0 = zoneOffsetMinutes(t0, tz) * MIN;
  let wall = Math.ceil((t0 + off0) / step) * step;
  let lastDate = '';
  for (let guard = 0; guard < 200; guard++, wall += step) {
    // Convert the wall-clock tick back to an instant with the offset in force at that moment.
    let t = wall - zoneOffsetMinutes(wall - off0, tz) * MIN;
    t = wall - zoneOffsetMinutes(t, tz) * MIN;
    if (t > t1) break;
    if (t < t0) continue;
    const w = wallClock(t, tz);
    const date = `${MONTHS[w.mo - 1]} ${w.d}`;
    out.push({ t, time: step >= DAY ? '' : `${p2(w.h)}:${p2(w.mi)}`, date: date !== lastDate ? date : null });
    lastDate = date;
  }
  return out;
}
