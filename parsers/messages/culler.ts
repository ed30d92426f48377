// jupyterhub-idle-culler messages (identical text 1.0 – 2.0): what it culls and why, and its own
// requests the hub refused (an ioloop exception of its first or periodic run, `Error processing`).
import type { Fields, MessageParser } from './types.js';
import { refused, refusedStatus } from './refused.js';

// `{log_name}` is `user` or `user/server`; durations are `HH:MM:SS` (servers) or str(timedelta) (users).
const SERVER = /^Culling server (.+?) \((?:age: (.+?), )?inactive for (.+)\)$/;
const SERVER_OLD = /^Culling server for (.+?) \(inactive since (.+)\)$/;
const USER = /^Culling user (.+?) \((?:age: (.+?), )?inactive for (.+)\)$/;
const DELETING = /^Deleting user (\S+)/;
const PROCESSING = /^Error processing (\S+)/;

/**
 * The culler's own exception. Its first run is a task (`_discard_future_result`, `Task-1`), its
 * later runs a PeriodicCallback (`<function cull_idle`): one refused first run right after a start
 * is the startup race, refusals every cycle are missing scopes. A box-cut line may hide the 403.
 */
function cullerException(msg: string): Fields | null {
  if (!/cull_idle/.test(msg)) return null;
  const run = /_discard_future_result|Task-1/.test(msg) ? 'first run' : /<function cull_idle/.test(msg) ? 'periodic run' : 'run';
  const status = refusedStatus(msg);
  return status === undefined ? null : refused('culler', { status, detail: run });
}

const TRACEBACK = 'Traceback (most recent call last):';

/**
 * A traceback printed with no log prefix: the culler crashed (the example script of 2017 exits on
 * its first refused request). Its frames say it is the culler's; only a 401 or 403 makes it a refusal.
 */
function cullerCrash(record: string): Fields | null {
  if (!/cull_idle/.test(record)) return null;
  const status = refusedStatus(record);
  return status == null ? null : refused('culler', { status, detail: 'the culler crashed' });
}

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
    if (msg.startsWith('Deleting user ')) {
      // An empty name, then a continuation line: nobody is named.
      const m = DELETING.exec(msg);
      return m ? { kind: 'deleting-user', user: m[1] } : null;
    }
    if (msg.startsWith('Exception in callback functools.partial(')) return cullerException(msg);
    if (msg.startsWith(TRACEBACK)) return cullerCrash(msg);
    if (msg.startsWith('Error processing ')) {
      const status = refusedStatus(msg);
      const m = PROCESSING.exec(msg);
      return status === undefined || !m ? null : refused('culler', { status, user: m[1], detail: 'user or server request' });
    }
    return null;
  },
  needles: [
    { text: 'Culling ', at: 'start', why: "the culler's decisions" },
    { text: 'Deleting user ', at: 'start', why: 'user deletions announced by old or custom cullers' },
    { text: 'Exception in callback functools.partial(', at: 'start', why: "the culler's run failed (its request refused)" },
    { text: 'Error processing ', at: 'start', why: "the culler's request for one user refused" },
    { text: TRACEBACK, at: 'start', why: 'the culler crashed on a refused request (its traceback, with no prefix)' },
  ],
  samples: [
    { line: '[I 250514 09:12:00 __init__:241] Culling server alice@example.com (inactive for 01:04:12)', kind: 'culler-culled-server' },
    { line: '[I 250514 10:22:00 __init__:371] Culling user alice@example.com (inactive for 1:13:59.512345)', kind: 'culler-culled-user' },
    { line: '[I 250514 10:22:00 __init__:378] Culling user bob (age: 30:00:00, inactive for 02:00:00)', kind: 'culler-culled-user' },
    { line: '[I 2026-06-20 09:12:00.004 IdleCuller __init__:385] Culling user carol (inactive for 2 days, 3:04:05.000001)', kind: 'culler-culled-user' },
    { line: '[I 180226 13:11:23 cull_idle_servers:80] Culling server for dave (inactive since 2018-02-26T12:00:01.000Z)', kind: 'culler-culled-server' },
    { line: '[I 2019-02-26 13:11:23.000 JupyterHub custom:12] Deleting user frank', kind: 'deleting-user' },
    { line: "[E 220622 17:43:26 ioloop:761] Exception in callback functools.partial(<bound method IOLoop._discard_future_result of <tornado.platform.asyncio.AsyncIOMainLoop object at 0x7f4880030a30>>, <Task finished name='Task-1' coro=<cull_idle() done, defined at /usr/local/lib/python3.9/site-packages/jupyterhub_idle_culler/__init__.py:73> exception=HTTP 403: Forbidden>)", kind: 'request-refused' },
    { line: '[E 250514 10:22:00 __init__:449] Error processing alice', kind: 'request-refused' },
  ],
};
