// What the hub says of a user's server (handlers/base.py, user.py, app.py, proxy.py, 0.9 – 5.x;
// KubeSpawner's pod creation): a spawn asked for, slow, up or failed; a stop, slow or done; a
// server found gone; a route the proxy had lost. `%s` of the hub's server lines is `_log_name`:
// `<user>` for the default server, `<user>:<server>` for a named one.
import type { Fields, MessageParser } from './types.js';
import { userOfPodName } from '../../src/core/pod-name.js';
import { userFromPath } from '../../src/core/users.js';

// JupyterHub before 0.8 wrote `User <name> server took …`.
const STARTED = /^User (.+?)(?: server)? took (\d+(?:\.\d+)?) seconds to start$/;
const STOPPED = /^User (.+) server took (\d+(?:\.\d+)?) seconds to stop$/;
const SLOW_START = /^User (.+) is slow to start \(timeout=[\d.]+\)$/;
const SLOW_STOP = /^User (.+?):(.*) server is slow to stop \(timeout=[\d.]+\)$/;
// base.py's poll callback writes `stopped, with`, app.py's check at a hub start `stopped with`.
const EXITED = /^User (.+) server stopped,? with exit code: (.+)$/;
const START_TIMEOUT = /^(.+)'s server failed to start in (\d+(?:\.\d+)?) seconds, giving up\.?$/;
const NO_RESPONSE = /^(.+)'s server never showed up at \S+ after (\d+(?:\.\d+)?) seconds\. Giving up\.?$/;
const UNHANDLED = /^(?:Unhandled error starting (.+?)'s server|Unhandled error waiting for (.+?)'s server to show up at \S+|Error starting (.+?)'s server): ([\s\S]*)$/;
const PROXY_ADD = /^Failed to add (.+) to proxy!$/;
const MISSING_ROUTE = /^Adding missing route for (\S+) \(/;
const CREATE_POD = /^Attempting to create pod (\S+), with timeout /;

/** `<user>` or `<user>:<server>` of a `_log_name`; the default server is null. */
function logName(name: string): { user: string; server: string | null } {
  const i = name.indexOf(':');
  return i < 0 ? { user: name, server: null } : { user: name.slice(0, i), server: name.slice(i + 1) || null };
}

function failed(name: string, reason: string, failure: 'timeout' | 'no-response' | 'proxy' | 'error'): Fields {
  return { kind: 'spawn-failed', reason, podName: null, user: logName(name).user, failure, exitCode: null };
}

function fromUser(msg: string): Fields | null {
  let m = STARTED.exec(msg);
  if (m) return { kind: 'server-started', ...logName(m[1]), seconds: Number(m[2]) };
  m = STOPPED.exec(msg);
  if (m) return { kind: 'server-stopped', ...logName(m[1]), seconds: Number(m[2]) };
  m = SLOW_START.exec(msg);
  if (m) return { kind: 'spawn-slow', ...logName(m[1]) };
  m = SLOW_STOP.exec(msg);
  if (m) return { kind: 'stop-slow', user: m[1], server: m[2] || null };
  m = EXITED.exec(msg);
  if (m) return { kind: 'server-exited', user: m[1], exitCode: /^-?\d+$/.test(m[2]) ? Number(m[2]) : null };
  return null;
}

export const servers: MessageParser = {
  name: 'servers',
  parse(msg): Fields | null {
    const c = msg[0];
    if (c === 'U') {
      if (msg.startsWith('User ')) return fromUser(msg);
    } else if (c === 'A') {
      let m = MISSING_ROUTE.exec(msg);
      if (m) return { kind: 'route-restored', user: userFromPath(m[1]), route: m[1] };
      m = CREATE_POD.exec(msg);
      if (m) return { kind: 'spawn-requested', user: userOfPodName(m[1]), podName: m[1] };
    } else if (c === 'F') {
      const m = PROXY_ADD.exec(msg);
      if (m) return failed(m[1], msg, 'proxy');
    }
    let m = START_TIMEOUT.exec(msg);
    if (m) return failed(m[1], msg, 'timeout');
    m = NO_RESPONSE.exec(msg);
    if (m) return failed(m[1], msg, 'no-response');
    m = UNHANDLED.exec(msg);
    if (m) return failed(m[1] ?? m[2] ?? m[3], m[4], 'error');
    return null;
  },
  needles: [
    { text: 'User ', inner: ' seconds to start', at: 'start', why: 'a server that started' },
    { text: 'User ', inner: ' seconds to stop', at: 'start', why: 'a server that stopped' },
    { text: 'User ', inner: ' is slow to start (timeout=', at: 'start', why: 'a spawn that goes on in the background' },
    { text: 'User ', inner: ' server is slow to stop (timeout=', at: 'start', why: 'a stop that is pending' },
    { text: 'User ', inner: ' with exit code: ', at: 'start', why: 'a server found gone (crashed, or ended on its own)' },
    { text: ', giving up', at: 'end', why: 'a spawn that timed out' },
    { text: ', giving up.', at: 'end', why: 'a spawn that timed out (JupyterHub 3+)' },
    { text: '. Giving up', at: 'end', why: 'a server that never answered' },
    { text: '. Giving up.', at: 'end', why: 'a server that never answered (JupyterHub 3+)' },
    { text: 'Unhandled error starting ', at: 'start', why: 'a spawn that failed' },
    { text: 'Unhandled error waiting for ', at: 'start', why: 'a spawn that failed' },
    { text: 'Error starting ', at: 'start', why: 'a spawn that failed (JupyterHub 5)' },
    { text: 'Failed to add ', at: 'start', why: "a started server's route could not be added" },
    { text: 'Adding missing route for ', at: 'start', why: 'routes the proxy had lost (after a proxy restart)' },
    { text: 'Attempting to create pod ', at: 'start', why: "KubeSpawner starting a user's pod" },
  ],
  samples: [
    { line: '[I 2025-05-14 08:10:03.655 JupyterHub base:1091] User alice took 3.512 seconds to start', kind: 'server-started' },
    { line: '[I 2025-05-14 09:12:03.655 JupyterHub base:1297] User alice@example.com server took 3.243 seconds to stop', kind: 'server-stopped' },
    { line: '[W 2025-05-14 08:10:10.100 JupyterHub base:1191] User bob is slow to start (timeout=10)', kind: 'spawn-slow' },
    { line: '[W 2025-05-14 09:12:10.100 JupyterHub base:1331] User bob: server is slow to stop (timeout=10)', kind: 'stop-slow' },
    { line: '[W 2025-05-14 09:30:00.001 JupyterHub base:1128] User carol server stopped, with exit code: 137', kind: 'server-exited' },
    { line: '[W 2025-05-14 09:30:00.001 JupyterHub app:2540] User carol server stopped with exit code: unknown', kind: 'server-exited' },
    { line: '[W 2025-05-14 08:25:00.000 JupyterHub user:824] dave\'s server failed to start in 300 seconds, giving up.', kind: 'spawn-failed' },
    { line: "[W 2019-03-01 10:00:30.000 JupyterHub user:674] erin's server never showed up at http://10.0.0.7:8888/user/erin/ after 30 seconds. Giving up", kind: 'spawn-failed' },
    { line: "[E 2025-05-14 08:10:01.000 JupyterHub user:833] Unhandled error starting frank's server: (422) Reason: Unprocessable Entity", kind: 'spawn-failed' },
    { line: '[E 2025-05-14 08:10:01.000 JupyterHub base:1112] Failed to add gina to proxy!', kind: 'spawn-failed' },
    { line: "[W 2025-05-14 08:00:05.000 JupyterHub proxy:418] Adding missing route for /user/alice/ (Server(url=http://10.0.0.5:8888/user/alice/, bind_url=http://10.0.0.5:8888/user/alice/))", kind: 'route-restored' },
    { line: '[I 2025-05-14 08:10:00.143 JupyterHub spawner:2891] Attempting to create pod jupyter-alice-40example-2ecom, with timeout 3', kind: 'spawn-requested' },
  ],
};
