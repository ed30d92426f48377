// jupyterhub-idle-culler messages (identical text 1.0 – 2.0): what it culls and why.
import type { Fields, MessageParser } from './types.js';

// `{log_name}` is `user` or `user/server`; durations are `HH:MM:SS` (servers) or str(timedelta) (users).
const SERVER = /^Culling server (.+?) \((?:age: (.+?), )?inactive for (.+)\)$/;
const SERVER_OLD = /^Culling server for (.+?) \(inactive since (.+)\)$/;
const USER = /^Culling user (.+?) \((?:age: (.+?), )?inactive for (.+)\)$/;
const DELETING = /^Deleting user (\S+)/;

export const culler: MessageParser = {
  name: 'culler',
  parse(msg): Fields | null {
    if (msg.startsWith('Culling ')) {
      let m = USER.exec(msg);
      if (m) return { kind: 'culler-culled-user', user: m[1], age: m[2] ?? null, inactive: m[3] };
      m = SERVER.exec(msg);
      if (m) {
        const slash = m[1].indexOf('/');
        return {
          kind: 'culler-culled-server', user: slash < 0 ? m[1] : m[1].slice(0, slash),
          server: slash < 0 ? null : m[1].slice(slash + 1), age: m[2] ?? null, inactive: m[3],
        };
      }
      m = SERVER_OLD.exec(msg);
      if (m) return { kind: 'culler-culled-server', user: m[1], server: null, age: null, inactive: null };
      return null;
    }
    if (msg.startsWith('Deleting user ')) return { kind: 'deleting-user', user: DELETING.exec(msg)![1] };
    return null;
  },
  needles: [
    { text: 'Culling ', at: 'start', why: "the culler's decisions" },
    { text: 'Deleting user ', at: 'start', why: 'user deletions announced by old or custom cullers' },
  ],
  samples: [
    { line: '[I 250514 09:12:00 __init__:241] Culling server alice@example.com (inactive for 01:04:12)', kind: 'culler-culled-server' },
    { line: '[I 250514 10:22:00 __init__:371] Culling user alice@example.com (inactive for 1:13:59.512345)', kind: 'culler-culled-user' },
    { line: '[I 250514 10:22:00 __init__:378] Culling user bob (age: 30:00:00, inactive for 02:00:00)', kind: 'culler-culled-user' },
    { line: '[I 2026-06-20 09:12:00.004 IdleCuller __init__:385] Culling user carol (inactive for 2 days, 3:04:05.000001)', kind: 'culler-culled-user' },
    { line: '[I 180226 13:11:23 cull_idle_servers:80] Culling server for dave (inactive since 2018-02-26T12:00:01.000Z)', kind: 'culler-culled-server' },
    { line: '[I 2019-02-26 13:11:23.000 JupyterHub custom:12] Deleting user frank', kind: 'deleting-user' },
  ],
};
