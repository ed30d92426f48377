// configurable-http-proxy (proxy pod). 4.x: `HH:MM:SS.mmm [ConfigProxy] level: msg` (local time,
// no date); 5.x: the same with an ISO UTC timestamp; < 4: `HH:MM:SS.mmm - level: [ConfigProxy] msg`.
// Colour codes are stripped before this runs.
import type { Level } from '../../src/core/model/events.js';
import type { Prefixed } from './types.js';

const CHP = /^(\d\d:\d\d:\d\d\.\d{3}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (?:\[ConfigProxy\] (\w+): |- (\w+): \[ConfigProxy\] )(.*)$/;

const LEVELS: Record<string, Level> = { info: 'I', warn: 'W', error: 'E', debug: 'D' };

export function parseChp(s: string): Prefixed | null {
  if (s.indexOf('[ConfigProxy]') < 0) return null;
  const m = CHP.exec(s);
  if (!m) return null;
  const t = m[1].length > 12 ? Date.parse(m[1]) : NaN;
  return { shape: 'chp', level: LEVELS[m[2] ?? m[3]], t, logger: 'ConfigProxy', msg: m[4] };
}
