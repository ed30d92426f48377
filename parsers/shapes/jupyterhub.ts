// JupyterHub's own prefix, unchanged from 0.5 to 6.0:
// `[L YYYY-MM-DD HH:MM:SS.mmm <logger> <module>:<lineno>] <message>` (logger `JupyterHub`, or
// `IdleCuller` for culler 2.0, or a library's name). Checked by position, not regex: it is the hot path.
// The single-user server (jupyterhub-singleuser, 0.8 – 3.x) uses the same prefix with its app's
// class name as the logger; 0.7's used the user's name, which cannot be told from a library's.
import type { LineShape, Prefixed } from './types.js';
import { datedLevel, digitsAt, messageAfter } from './level.js';
import { naiveDateTime, type Zone } from '../../src/core/time.js';

/** `SingleUserNotebookApp`, `SingleUserLabApp`, `SingleUserServerApp`… and the 4.x extension's logger. */
function isSingleUserLogger(logger: string): boolean {
  return logger.startsWith('SingleUser') || logger === 'JupyterHubSingleUser';
}

export function shapeOf(logger: string): Prefixed['shape'] {
  if (logger === 'JupyterHub') return 'jupyterhub';
  if (logger === 'IdleCuller') return 'idle-culler';
  return isSingleUserLogger(logger) ? 'singleuser' : 'jupyterhub';
}

function parseJupyterhub(s: string, zone: Zone): Prefixed | null {
  const level = datedLevel(s);
  if (!level) return null;
  const nameEnd = s.indexOf(' ', 27);
  if (nameEnd < 0) return null;
  const close = s.indexOf(']', nameEnd);
  if (close < 0) return null;
  const mod = s.slice(nameEnd + 1, close);
  const colon = mod.lastIndexOf(':');
  // `web:[179](…)6]`: a line number a pasted link broke is not a line number (damaged-link.ts).
  if (colon < 1 || mod.indexOf(' ') >= 0 || !digitsAt(mod, colon + 1, 1)) return null;
  const naive = naiveDateTime(s, 3);
  if (!Number.isFinite(naive)) return null;
  const logger = s.slice(27, nameEnd);
  return {
    shape: shapeOf(logger), level, t: zone(naive) + Number(s.slice(23, 26)), logger, module: mod.slice(0, colon),
    msg: messageAfter(s, close),
  };
}

export const jupyterhub: LineShape = {
  ids: ['jupyterhub', 'singleuser', 'idle-culler'],
  title: 'JupyterHub: [L yyyy-mm-dd hh:mm:ss.mmm JupyterHub module:N] (also IdleCuller 2.0, and SingleUser…App / JupyterHubSingleUser: the single-user server)',
  versions: 'JupyterHub 0.5 – 6.0, idle-culler 2.0, jupyterhub-singleuser 0.8 – 5.x',
  starts: '[',
  parse: parseJupyterhub,
  samples: [
    { line: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", shape: 'jupyterhub', level: 'W', t: '2025-05-14T13:40:02.118Z', msg: "User 'alice' not allowed." },
    { line: '[I 2026-06-20 09:12:00.004 IdleCuller __init__:255] Culling server alice (inactive for 01:04:12)', shape: 'idle-culler', level: 'I', t: '2026-06-20T09:12:00.004Z', msg: 'Culling server alice (inactive for 01:04:12)' },
    { line: '[I 2018-05-01 17:56:37.352 SingleUserNotebookApp log:122] 200 GET /user/mrossi/api/sessions (mrossi@::ffff:127.0.0.1) 6.95ms', shape: 'singleuser', level: 'I', t: '2018-05-01T17:56:37.352Z', msg: '200 GET /user/mrossi/api/sessions (mrossi@::ffff:127.0.0.1) 6.95ms' },
    { line: '[E 2022-06-08 13:45:27.112 SingleUserLabApp mixins:538] Error notifying Hub of activity', shape: 'singleuser', level: 'E', t: '2022-06-08T13:45:27.112Z', msg: 'Error notifying Hub of activity' },
    { line: '[I 2017-03-02 10:15:42.135 xyz log:47] 302 GET /user/xyz (127.0.0.1) 0.73ms', shape: 'jupyterhub', level: 'I', t: '2017-03-02T10:15:42.135Z', msg: '302 GET /user/xyz (127.0.0.1) 0.73ms' },
  ],
};
