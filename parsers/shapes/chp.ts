// configurable-http-proxy (proxy pod). 4.x: `HH:MM:SS.mmm [ConfigProxy] level: msg` (local time,
// no date); 5.x: the same with an ISO UTC timestamp; < 4: `HH:MM:SS.mmm - level: [ConfigProxy] msg`.
// 4.x and 5.x colour the level even without a terminal, but pastes often lose it: colour codes are
// stripped before this runs. A time of day alone gives the record no time unless its envelope has
// one, for the reason notebook.ts gives.
import type { Level } from '../../src/core/model/events.js';
import type { LineShape, Prefixed } from './types.js';
import { parseTime } from '../../src/core/time.js';

const CHP = /^(\d\d:\d\d:\d\d\.\d{3}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (?:\[ConfigProxy\] (\w+): |- (\w+): \[ConfigProxy\] )(.*)$/;

const LEVELS: Record<string, Level> = { info: 'I', warn: 'W', error: 'E', debug: 'D' };

function parseChp(s: string): Prefixed | null {
  if (s.indexOf('[ConfigProxy]') < 0) return null;
  const m = CHP.exec(s);
  if (!m) return null;
  const t = m[1].length > 12 ? parseTime(m[1]) : NaN;
  return { shape: 'chp', level: LEVELS[m[2] ?? m[3]], t, logger: 'ConfigProxy', msg: m[4] };
}

export const chp: LineShape = {
  ids: ['chp'],
  title: 'configurable-http-proxy: hh:mm:ss.mmm [ConfigProxy] level: (< 4: hh:mm:ss.mmm - level: [ConfigProxy]; 5.x: ISO time)',
  versions: 'configurable-http-proxy < 4, 4.x, 5.x',
  starts: '0123456789',
  parse: (s) => parseChp(s),
  // Node dumps error objects as 2-space-indented lines ending with a closing brace.
  continues: (text) => text.startsWith('  ') || text === '}' || text === ']',
  samples: [
    { line: '22:14:58.690 [ConfigProxy] info: 201 POST /api/routes/user/alice ', shape: 'chp', level: 'I', msg: '201 POST /api/routes/user/alice ' },
    { line: '22:14:58.690 [ConfigProxy] \x1b[33mwarn\x1b[39m: 403 GET /api/routes ', shape: 'chp', level: 'W', msg: '403 GET /api/routes ' },
    { line: '10:52:32.940 - warn: [ConfigProxy] 403 GET /api/routes ', shape: 'chp', level: 'W', msg: '403 GET /api/routes ' },
    { line: '2025-05-14T10:22:00.602Z [ConfigProxy] error: 503 GET /user/bob/lab connect ECONNREFUSED 10.1.4.22:8888', shape: 'chp', level: 'E', t: '2025-05-14T10:22:00.602Z', msg: '503 GET /user/bob/lab connect ECONNREFUSED 10.1.4.22:8888' },
  ],
};
