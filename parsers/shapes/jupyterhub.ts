// JupyterHub's own prefix, unchanged from 0.5 to 6.0:
// `[L YYYY-MM-DD HH:MM:SS.mmm <logger> <module>:<lineno>] <message>` (logger `JupyterHub`, or
// `IdleCuller` for culler 2.0, or a library's name). Checked by position, not regex: it is the hot path.
import type { LineShape, Prefixed } from './types.js';
import { digitsAt, levelAt } from './level.js';
import { naiveDateTime, type Zone } from '../../src/core/time.js';

function parseJupyterhub(s: string, zone: Zone): Prefixed | null {
  if (s.charCodeAt(0) !== 91 || s.charCodeAt(2) !== 32) return null;
  const level = levelAt(s, 1);
  if (!level || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 32 || s.charCodeAt(22) !== 46 || s.charCodeAt(26) !== 32) return null;
  if (!digitsAt(s, 3, 4) || !digitsAt(s, 23, 3)) return null;
  const nameEnd = s.indexOf(' ', 27);
  if (nameEnd < 0) return null;
  const close = s.indexOf(']', nameEnd);
  if (close < 0) return null;
  const mod = s.slice(nameEnd + 1, close);
  const colon = mod.lastIndexOf(':');
  if (colon < 1 || mod.indexOf(' ') >= 0) return null;
  const naive = naiveDateTime(s, 3);
  if (!Number.isFinite(naive)) return null;
  const logger = s.slice(27, nameEnd);
  return {
    shape: logger === 'IdleCuller' ? 'idle-culler' : 'jupyterhub',
    level, t: zone(naive) + Number(s.slice(23, 26)), logger, module: mod.slice(0, colon),
    msg: s.charCodeAt(close + 1) === 32 ? s.slice(close + 2) : s.slice(close + 1),
  };
}

export const jupyterhub: LineShape = {
  ids: ['jupyterhub', 'idle-culler'],
  title: 'JupyterHub: [L yyyy-mm-dd hh:mm:ss.mmm JupyterHub module:N] (also IdleCuller 2.0)',
  versions: 'JupyterHub 0.5 – 6.0, idle-culler 2.0',
  starts: '[',
  parse: parseJupyterhub,
  samples: [
    { line: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", shape: 'jupyterhub', level: 'W', t: '2025-05-14T13:40:02.118Z', msg: "User 'alice' not allowed." },
    { line: '[I 2026-06-20 09:12:00.004 IdleCuller __init__:255] Culling server alice (inactive for 01:04:12)', shape: 'idle-culler', level: 'I', t: '2026-06-20T09:12:00.004Z', msg: 'Culling server alice (inactive for 01:04:12)' },
  ],
};
