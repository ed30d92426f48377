// The line shapes, tried in this order among those whose `starts` admits the line's first
// character. A new shape is one file and one line here.
import type { LineShape, Prefixed } from './types.js';
import type { Zone } from '../../src/core/time.js';
import { jupyterhub } from './jupyterhub.js';
import { idleCuller } from './idle-culler.js';
import { chp } from './chp.js';
import { z2jh } from './z2jh.js';

export const SHAPES: readonly LineShape[] = [jupyterhub, idleCuller, chp, z2jh];

const BY_FIRST: LineShape[][] = Array.from({ length: 129 }, (_, c) =>
  SHAPES.filter((e) => e.starts === '' || (c < 128 && e.starts.includes(String.fromCharCode(c)))));
const BY_ID = new Map(SHAPES.flatMap((s) => s.ids.map((id) => [id, s] as const)));

export function parseShape(s: string, zone: Zone): Prefixed | null {
  const c = s.charCodeAt(0);
  const candidates = BY_FIRST[c < 128 ? c : 128];
  for (let i = 0; i < candidates.length; i++) {
    const p = candidates[i].parse(s, zone);
    if (p) return p;
  }
  return null;
}

/** Whether `text` (no prefix of its own) continues the previous record, of shape `shape`. */
export function continuesRecord(text: string, shape: string): boolean {
  if (text.startsWith('    ')) return true;
  const s = BY_ID.get(shape);
  return s?.continues !== undefined && s.continues(text);
}
