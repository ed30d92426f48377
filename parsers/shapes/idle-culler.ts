// jupyterhub-idle-culler 1.x (and the old cull_idle_servers.py) log through tornado's default
// formatter: `[L yymmdd HH:MM:SS <module>:<lineno>] <message>`: whole seconds, no logger name.
// Culler 2.0 uses JupyterHub's prefix with logger `IdleCuller` (see jupyterhub.ts).
import type { LineShape, Prefixed } from './types.js';
import { digitsAt, levelAt } from './level.js';
import { naiveCullerDateTime, type Zone } from '../../src/core/time.js';

function parseIdleCuller(s: string, zone: Zone): Prefixed | null {
  if (s.charCodeAt(0) !== 91 || s.charCodeAt(2) !== 32 || s.charCodeAt(9) !== 32 || s.charCodeAt(12) !== 58) return null;
  const level = levelAt(s, 1);
  if (!level || !digitsAt(s, 3, 6)) return null;
  const close = s.indexOf(']', 19);
  if (close < 0 || s.charCodeAt(18) !== 32) return null;
  const mod = s.slice(19, close);
  const colon = mod.lastIndexOf(':');
  if (colon < 1 || mod.indexOf(' ') >= 0) return null;
  const naive = naiveCullerDateTime(s, 3);
  if (!Number.isFinite(naive)) return null;
  return {
    shape: 'idle-culler', level, t: zone(naive), module: mod.slice(0, colon),
    msg: s.charCodeAt(close + 1) === 32 ? s.slice(close + 2) : s.slice(close + 1),
  };
}

export const idleCuller: LineShape = {
  ids: ['idle-culler'],
  title: 'idle culler 1.x: [L yymmdd hh:mm:ss __init__:N]',
  versions: 'jupyterhub-idle-culler 1.0 – 1.4, cull_idle_servers.py',
  starts: '[',
  parse: parseIdleCuller,
  samples: [
    { line: '[I 250514 09:12:00 __init__:241] Culling server alice@example.com (inactive for 01:04:12)', shape: 'idle-culler', level: 'I', t: '2025-05-14T09:12:00.000Z', msg: 'Culling server alice@example.com (inactive for 01:04:12)' },
  ],
};
