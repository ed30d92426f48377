// The spawn progress page (`/hub/spawn-pending/<user>`), copied from the browser: JupyterHub's own
// steps (`Server requested`, `Spawning server...`, `Server ready at …`, `Spawn failed: …`) and
// KubeSpawner's pod events, `<time> [<type>] <message>` with the event's own time.
import type { LineShape, Prefixed } from './types.js';
import { parseTime } from '../../src/core/time.js';

const STEPS = /^(?:Server requested|Spawning server\.\.\.|Server ready at \S+|Spawn failed: .*)$/;
// KubeSpawner 1+ shows the event time as RFC 3339 (`…Z`); older clients wrote `2019-01-18 16:57:09+00:00`.
const EVENT = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (\[(?:Normal|Warning)\] .*)$/;

function parseProgress(s: string): Prefixed | null {
  const c = s.charCodeAt(0);
  if (c === 83) return STEPS.test(s) ? { shape: 'spawn-progress', t: NaN, msg: s } : null;
  // With the time taken off by an envelope (it looks like kubectl's), the line starts at the type.
  if (c === 91) {
    if (s.startsWith('[Warning] ')) return { shape: 'spawn-progress', level: 'W', t: NaN, msg: s };
    return s.startsWith('[Normal] ') ? { shape: 'spawn-progress', level: 'I', t: NaN, msg: s } : null;
  }
  const m = EVENT.exec(s);
  if (!m) return null;
  return { shape: 'spawn-progress', level: m[2].charCodeAt(1) === 87 ? 'W' : 'I', t: parseTime(m[1].replace(' ', 'T')), msg: m[2] };
}

export const spawnProgress: LineShape = {
  ids: ['spawn-progress'],
  title: 'the spawn progress page (Server requested, Spawn failed: …, <time> [Warning] <pod event>)',
  versions: 'JupyterHub 0.9 – 5.x, KubeSpawner 0.9 – 7.x',
  starts: 'S[0123456789',
  parse: (s) => parseProgress(s),
  samples: [
    { line: 'Spawn failed: pod prod/jupyter-nora-2ekim-40example-2eorg did not start in 900 seconds!', shape: 'spawn-progress', msg: 'Spawn failed: pod prod/jupyter-nora-2ekim-40example-2eorg did not start in 900 seconds!' },
    { line: '[Normal] Successfully assigned prod/jupyter-nora to aks-user-37927680-vmss00039w', shape: 'spawn-progress', level: 'I', msg: '[Normal] Successfully assigned prod/jupyter-nora to aks-user-37927680-vmss00039w' },
    { line: '2019-01-18 16:57:09+00:00 [Warning] 0/3 nodes are available: 3 Insufficient memory.', shape: 'spawn-progress', level: 'W', t: '2019-01-18T16:57:09.000Z', msg: '[Warning] 0/3 nodes are available: 3 Insufficient memory.' },
  ],
};
