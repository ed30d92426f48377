// tornado's default formatter: `[L yymmdd HH:MM:SS <module>:<lineno>] <message>`: whole seconds, no
// logger name. jupyterhub-idle-culler 1.x and the old cull_idle_servers.py log this way, and so do
// other tornado programs next to the hub (BinderHub: `auth:972`, `web:2246`, `launcher:208`), so a
// 2-digit year alone does not make a line the culler's: its modules and its callbacks do.
// Culler 2.0 uses JupyterHub's prefix with logger `IdleCuller` (see jupyterhub.ts).
import type { LineShape, Prefixed } from './types.js';
import { digitsAt, levelAt, messageAfter } from './level.js';
import { naiveCullerDateTime, type Zone } from '../../src/core/time.js';
import { continuesTraceback } from './traceback.js';

/** The culler's package (`__init__`), the old script, or tornado's ioloop running `cull_idle`. */
function isCuller(module: string, msg: string): boolean {
  if (module === '__init__' || module.startsWith('cull')) return true;
  return module === 'ioloop' && msg.includes('cull_idle');
}

function parseTornado(s: string, zone: Zone): Prefixed | null {
  if (s.charCodeAt(0) !== 91 || s.charCodeAt(2) !== 32 || s.charCodeAt(9) !== 32 || s.charCodeAt(12) !== 58) return null;
  const level = levelAt(s, 1);
  if (!level || !digitsAt(s, 3, 6)) return null;
  const close = s.indexOf(']', 19);
  if (close < 0 || s.charCodeAt(18) !== 32) return null;
  const mod = s.slice(19, close);
  const colon = mod.lastIndexOf(':');
  if (colon < 1 || mod.indexOf(' ') >= 0 || !digitsAt(mod, colon + 1, 1)) return null;
  const naive = naiveCullerDateTime(s, 3);
  if (!Number.isFinite(naive)) return null;
  const module = mod.slice(0, colon);
  const msg = messageAfter(s, close);
  return { shape: isCuller(module, msg) ? 'idle-culler' : 'tornado', level, t: zone(naive), module, msg };
}

export const idleCuller: LineShape = {
  ids: ['idle-culler', 'tornado'],
  title: "idle culler 1.x and other tornado programs: [L yymmdd hh:mm:ss __init__:N] (tornado's default prefix)",
  versions: 'jupyterhub-idle-culler 1.0 – 1.4, cull_idle_servers.py, BinderHub',
  starts: '[',
  parse: parseTornado,
  // Its tracebacks are indented by 4 like every tornado record; a pasted or crashed one may not be.
  continues: continuesTraceback,
  samples: [
    { line: '[I 250514 09:12:00 __init__:241] Culling server alice@example.com (inactive for 01:04:12)', shape: 'idle-culler', level: 'I', t: '2025-05-14T09:12:00.000Z', msg: 'Culling server alice@example.com (inactive for 01:04:12)' },
    { line: "[E 250120 20:16:20 ioloop:941] Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api')", shape: 'idle-culler', level: 'E', t: '2025-01-20T20:16:20.000Z', msg: "Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api')" },
    { line: "[W 190722 14:43:58 auth:972] oauth state '[secret]' != None", shape: 'tornado', level: 'W', t: '2019-07-22T14:43:58.000Z', msg: "oauth state '[secret]' != None" },
  ],
};
