// jupyter_server's prefix (the single-user server from JupyterHub 2 with JupyterLab, and the
// JupyterHub 4+ single-user extension): `[L YYYY-MM-DD HH:MM:SS.mmm <logger>] <message>`, the hub's
// prefix without `module:lineno`. Loggers: ServerApp, LabApp, JupyterHubSingleUser, extensions.
import type { LineShape, Prefixed } from './types.js';
import { datedLevel, messageAfter } from './level.js';
import { naiveDateTime, type Zone } from '../../src/core/time.js';

function parseJupyterServer(s: string, zone: Zone): Prefixed | null {
  const level = datedLevel(s);
  if (!level) return null;
  const close = s.indexOf(']', 27);
  if (close <= 27) return null;
  const logger = s.slice(27, close);
  if (logger.indexOf(' ') >= 0) return null;
  const naive = naiveDateTime(s, 3);
  if (!Number.isFinite(naive)) return null;
  return {
    shape: 'jupyter-server', level, t: zone(naive) + Number(s.slice(23, 26)), logger,
    msg: messageAfter(s, close),
  };
}

export const jupyterServer: LineShape = {
  ids: ['jupyter-server'],
  title: 'jupyter_server (single-user server): [L yyyy-mm-dd hh:mm:ss.mmm ServerApp]',
  versions: 'jupyter_server 1.x – 2.x, notebook 7, JupyterHub 4 – 5 single-user extension',
  starts: '[',
  parse: parseJupyterServer,
  samples: [
    { line: '[I 2024-10-31 07:22:20.745 ServerApp] 200 GET /user/ops/api/me (ops@203.0.113.187) 1.13ms', shape: 'jupyter-server', level: 'I', t: '2024-10-31T07:22:20.745Z', msg: '200 GET /user/ops/api/me (ops@203.0.113.187) 1.13ms' },
    { line: '[E 2023-10-18 05:33:35.167 JupyterHubSingleUser] Error notifying Hub of activity', shape: 'jupyter-server', level: 'E', t: '2023-10-18T05:33:35.167Z', msg: 'Error notifying Hub of activity' },
  ],
};
