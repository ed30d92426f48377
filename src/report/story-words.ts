// A user's story in words, for the text, Markdown and HTML reports: what happened, and the details
// the lines give (who, why, how long). Log text (names, details) is returned as is: each reporter
// makes it safe for its own output.
import type { UserStep } from '../core/model/report.js';
import { formatTimedelta } from './time.js';

const STOPPED_BY: Record<string, string> = {
  culler: 'the idle culler', user: 'the user', admin: 'an admin', hub: 'the hub', crash: 'no one: it ended on its own',
};
const STOP_REASON: Record<string, string> = {
  idle: 'idle', 'max-age': 'older than the max age', 'exit-code': 'its process exited', oom: 'killed out of memory (OOM)',
  evicted: 'evicted from its node', 'scale-down': 'its node was scaled down', shutdown: 'the hub shut down',
};
const SPAWN_FAILURE: Record<string, string> = {
  timeout: 'did not start in time', 'no-response': 'never answered the hub', exited: 'its process exited', proxy: 'its route could not be added',
  error: 'an error', 'image-pull': 'its image could not be pulled', unschedulable: 'no node could take its pod',
};

/** What the step is, in a few words. */
export function stepTitle(s: UserStep): string {
  switch (s.kind) {
    case 'login': return 'logged in';
    case 'spawn-requested': return 'asked for a server';
    case 'spawn-pending': return 'spawn waiting';
    case 'spawn-started': return 'server started';
    case 'spawn-failed': return 'spawn failed';
    case 'stop': return 'server stopped';
    case 'deleted': return 'user deleted';
    case 'refused': return 'refused';
    case 'restart': return 'hub restarted';
  }
}

/** The details the lines give, or '' when there are none. */
export function stepDetail(s: UserStep): string {
  const named = 'server' in s && s.server !== null ? `server ${s.server}; ` : '';
  switch (s.kind) {
    case 'login': return '';
    case 'spawn-requested': return named.replace(/; $/, '');
    case 'spawn-pending': return named + s.detail;
    case 'spawn-started': return `${named}after ${s.seconds} s`;
    case 'spawn-failed': return `${named}${SPAWN_FAILURE[s.reason]}${s.exitCode === null ? '' : ` (exit code ${s.exitCode})`}: ${s.detail}`;
    case 'stop': {
      const by = s.by === null ? 'by whom: not in the log' : `by ${STOPPED_BY[s.by]}${s.actor !== null && s.by !== 'user' ? ` (${s.actor})` : ''}`;
      const why = [
        s.reason === null ? null : STOP_REASON[s.reason],
        s.inactive === null ? null : `inactive for ${formatTimedelta(s.inactive)}`,
        s.exitCode === null ? null : `exit code ${s.exitCode}`,
      ].filter((x) => x !== null);
      return `${named}${by}${why.length > 0 ? `; ${why.join(', ')}` : ''}`;
    }
    case 'deleted': return `by ${s.by === 'unknown' ? 'whom: not in the log' : s.by === 'culler' ? 'the idle culler' : 'an admin'}${s.actor !== null ? ` (${s.actor})` : ''}`;
    case 'refused': return `${s.status ?? 'status not in the log'}, ${s.cause}`;
    case 'restart': return s.version === null ? '' : `JupyterHub ${s.version}`;
  }
}
