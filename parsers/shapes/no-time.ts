// JupyterHub's prefix with its date and time cut out: `[W JupyterHub log:174] …`. People do this to
// a log before they post it; the level, the logger and `module:N` stay, so the record is still the
// hub's (or its single-user server's). A paste that starts inside the prefix keeps even less:
// `JupyterHub scopes:501] …`, the logger and `module:N]` alone; only the hub's, the culler's and
// the single-user apps' logger names are taken there, and no level is guessed. Tried after every
// dated shape: only a line none of them reads can be one, and it has no time.
import type { LineShape, Prefixed } from './types.js';
import { shapeOf } from './jupyterhub.js';

const NO_TIME = /^\[([DIWEC]) ([A-Za-z][\w.]*) ([A-Za-z_][\w.]*):(\d+)\] ?/;
const CUT_START = /^(JupyterHub|IdleCuller|SingleUser\w*|JupyterHubSingleUser) ([A-Za-z_][\w.]*):(\d+)\] /;

function parseNoTime(s: string): Prefixed | null {
  if (s.charCodeAt(0) !== 91) {
    const c = CUT_START.exec(s);
    return c ? { shape: shapeOf(c[1]), t: NaN, logger: c[1], module: c[2], msg: s.slice(c[0].length) } : null;
  }
  const m = NO_TIME.exec(s);
  if (!m) return null;
  return { shape: shapeOf(m[2]), level: m[1] as Prefixed['level'], t: NaN, logger: m[2], module: m[3], msg: s.slice(m[0].length) };
}

export const noTime: LineShape = {
  ids: ['jupyterhub', 'singleuser', 'idle-culler'],
  title: 'JupyterHub with the date and time cut out: [L JupyterHub module:N], or all of the prefix before the logger: JupyterHub module:N] (no time unless the envelope has one)',
  versions: 'any JupyterHub version, as pasted',
  starts: '[JIS',
  parse: parseNoTime,
  samples: [
    { line: '[W JupyterHub log:174] 403 POST /hub/api/users/user1/activity (@192.168.0.254) 3.26ms', shape: 'jupyterhub', level: 'W', msg: '403 POST /hub/api/users/user1/activity (@192.168.0.254) 3.26ms' },
    { line: '[E SingleUserNotebookApp singleuser:523] Error notifying Hub of activity', shape: 'singleuser', level: 'E', msg: 'Error notifying Hub of activity' },
    { line: 'JupyterHub scopes:501] Not authorizing access to /hub/admin. Requires any of [admin:users]', shape: 'jupyterhub', msg: 'Not authorizing access to /hub/admin. Requires any of [admin:users]' },
  ],
};
