// Servers that ended on their own: their process exited, the kernel killed them out of memory, the
// node evicted them or went away. Three crashes of one user's server within an hour is a crash loop.
import type { StopReason, UserStep } from '../../core/model/report.js';
import { plural } from '../../core/text.js';
import { endedBy } from '../user-stories.js';
import { FirstLines, stepsOf, tally, usersOf } from '../server-lines.js';
import { defineFinding, type FindingContext, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const LOOP_CRASHES = 3;
const LOOP_WINDOW_MS = 60 * 60_000;

const CHECK: Partial<Record<StopReason, string>> = {
  oom: '`oom`: the server used more memory than its limit: raise `singleuser.memory.limit` (and the guarantee) for these users, or find the notebook that grows.',
  evicted: '`evicted`: the node ran short of memory or disk and evicted the pod: set `singleuser.memory.guarantee` close to the limit so pods are placed where they fit.',
  'scale-down': '`scale-down`: the cluster autoscaler removed the node: keep user pods from being moved (the `cluster-autoscaler.kubernetes.io/safe-to-evict: "false"` annotation in `singleuser.extraAnnotations`).',
  'exit-code': '`exit-code`: the server process exited: its own log tells why (`kubectl logs jupyter-<user> --previous`).',
};

const isCrash = (s: UserStep): s is Extract<UserStep, { kind: 'stop' }> => s.kind === 'stop' && s.by === 'crash';

class ServersCrashed implements FindingObserver<'servers-crashed'> {
  private readonly lines = new FirstLines();

  observe(s: StoryStep): void {
    if (s.kind === 'server' && (s.ev.kind === 'server-exited' || (s.ev.kind === 'k8s-event' && endedBy(s.ev) !== undefined))) this.lines.add(s.ev);
  }

  finish({ stories }: FindingContext): FindingOf<'servers-crashed'>[] {
    const crashed = stepsOf(stories, isCrash);
    if (crashed.length === 0) return [];
    const users = usersOf(crashed);
    const looping = users.filter((u) => {
      const ts = crashed.filter((c) => c.user === u && c.step.t !== null).map((c) => Date.parse(c.step.t!));
      return ts.some((t, k) => k + LOOP_CRASHES - 1 < ts.length && ts[k + LOOP_CRASHES - 1] - t <= LOOP_WINDOW_MS);
    });
    const reasons = [...new Set(crashed.map((c) => c.step.reason ?? 'exit-code'))];
    const loop = looping.length > 0 ? ` Crash loop (${LOOP_CRASHES} or more within an hour): ${looping.join(', ')}.` : '';
    return [{
      kind: 'servers-crashed', severity: looping.length > 0 ? 'error' : 'warning', at: crashed[0].step.t, users, evidence: this.lines.evidence,
      summary: `${plural(crashed.length, 'server')} of ${plural(users.length, 'user')} ended without anyone stopping ${crashed.length === 1 ? 'it' : 'them'} (${tally(crashed.map((c) => c.step.reason ?? 'exit-code'))}).${loop}`,
      remediation: reasons.flatMap((r) => (CHECK[r] ? [CHECK[r]] : [])),
    }];
  }
}

export const serversCrashed = defineFinding({ kind: 'servers-crashed', title: 'Servers crashed', start: () => new ServersCrashed() });
