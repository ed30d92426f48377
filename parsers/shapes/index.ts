// The line shapes, tried in this order among those whose `starts` admits the line's first
// character: the hub's own prefix first (it is most of every log), then the rarer ones, so a
// clean hub log never pays for them. A new shape is one file and one line here.
import type { LineShape, Prefixed } from './types.js';
import type { Zone } from '../../src/core/time.js';
import { jupyterhub } from './jupyterhub.js';
import { idleCuller } from './idle-culler.js';
import { jupyterServer } from './jupyter-server.js';
import { notebook } from './notebook.js';
import { chp } from './chp.js';
import { spawnProgress } from './spawn-progress.js';
import { traceback } from './traceback.js';
import { z2jh } from './z2jh.js';
import { damagedLink } from './damaged-link.js';
import { noTime } from './no-time.js';

export const SHAPES: readonly LineShape[] = [jupyterhub, idleCuller, jupyterServer, notebook, chp, spawnProgress, traceback, z2jh, damagedLink, noTime];

const BY_FIRST: LineShape[][] = Array.from({ length: 129 }, (_, c) =>
  SHAPES.filter((e) => e.starts === '' || (c < 128 && e.starts.includes(String.fromCharCode(c)))));

// A record's continuation rule is that of the first entry that gives records its shape and has one.
const CONTINUES = new Map<string, LineShape>();
const FOLLOWS = new Map<string, LineShape>();
for (const s of SHAPES) {
  for (const id of s.ids) {
    if (s.continues && !CONTINUES.has(id)) CONTINUES.set(id, s);
    if (s.follows && !FOLLOWS.has(id)) FOLLOWS.set(id, s);
  }
}

export function parseShape(s: string, zone: Zone): Prefixed | null {
  const c = s.charCodeAt(0);
  const candidates = BY_FIRST[c < 128 ? c : 128];
  for (let i = 0; i < candidates.length; i++) {
    const p = candidates[i].parse(s, zone);
    if (p) return p;
  }
  return null;
}

/** A line no shape claims, as a record of its own after `prev` (the record just before it in the same stream), or null. */
export function followingRecord(s: string, prev: Prefixed): Prefixed | null {
  const after = FOLLOWS.get(prev.shape);
  return after ? after.follows!(s) : null;
}

/** Whether `text` (no prefix of its own) continues the previous record, of shape `shape`. */
export function continuesRecord(text: string, shape: string): boolean {
  if (text.startsWith('    ')) return true;
  const rule = CONTINUES.get(shape);
  return rule !== undefined && rule.continues!(text);
}
