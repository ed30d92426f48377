// A line that is one JSON object: one of the JSON exports (./json/), whichever recognises it.
import type { Envelope } from './types.js';
import { JSON_EXPORTS, unwrapJsonObject } from './json/index.js';

export const jsonLine: Envelope = {
  ids: JSON_EXPORTS.map((x) => x.id),
  title: 'one JSON object per line, told apart by its keys: ' + JSON_EXPORTS.map((x) => x.title).join('; '),
  starts: '{',
  unwrap(line) {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      return null;
    }
    return o && typeof o === 'object' && !Array.isArray(o) ? unwrapJsonObject(o as Record<string, unknown>) : null;
  },
  samples: JSON_EXPORTS.flatMap((x) => x.samples),
};
