// Spawns that failed: how many, whose, and why (the hub's timeouts, a process that exited, the
// pod's image or node as its Kubernetes events say). Each reason has its own first thing to check.
import type { SpawnFailureReason, UserStep } from '../../core/model/report.js';
import { plural } from '../../core/text.js';
import { FirstLines, stepsOf, tally, usersOf } from '../server-lines.js';
import { defineFinding, type FindingContext, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

const CHECK: Record<SpawnFailureReason, string> = {
  timeout: "`timeout`: the spawner's `start_timeout` ran out (z2jh `singleuser.startTimeout`, 300 s by default). Read the pod's events first (`kubectl describe pod jupyter-<user>`): raise the timeout only for a pod that was slow, not stuck.",
  'no-response': "`no-response`: the server started but never answered the hub within `http_timeout`: read its own log (`kubectl logs jupyter-<user>`) for the address it listens on and errors at start.",
  exited: '`exited`: the server process ended during its start: its own log tells why (`kubectl logs jupyter-<user> --previous`).',
  proxy: "`proxy`: the hub could not add the server's route: check the proxy pod and the hub's access to its API.",
  error: '`error`: the spawner raised an error: the line quoted with it says which (often a Kubernetes API answer such as a quota or an invalid pod spec).',
  'image-pull': '`image-pull`: the image could not be pulled: check `singleuser.image` (name and tag) and the pull secret.',
  unschedulable: '`unschedulable`: no node could take the pod (`FailedScheduling`): check node capacity against `singleuser.cpu`/`singleuser.memory` guarantees, and the cluster autoscaler.',
};

const isFailed = (s: UserStep): s is Extract<UserStep, { kind: 'spawn-failed' }> => s.kind === 'spawn-failed';

class SpawnFailures implements FindingObserver<'spawn-failures'> {
  private readonly lines = new FirstLines();

  observe(s: StoryStep): void {
    if (s.kind === 'server' && s.ev.kind === 'spawn-failed') this.lines.add(s.ev);
  }

  finish({ stories }: FindingContext): FindingOf<'spawn-failures'>[] {
    const failed = stepsOf(stories, isFailed);
    if (failed.length === 0) return [];
    const users = usersOf(failed);
    const reasons = [...new Set(failed.map((f) => f.step.reason))];
    return [{
      kind: 'spawn-failures', severity: 'error', at: failed[0].step.t, users, evidence: this.lines.evidence,
      summary: `${plural(failed.length, 'spawn')} failed, for ${plural(users.length, 'user')} (${tally(failed.map((f) => f.step.reason))}). Each user's story (--user NAME) shows the failure in its place.`,
      remediation: reasons.map((r) => CHECK[r]),
    }];
  }
}

export const spawnFailures = defineFinding({ kind: 'spawn-failures', title: 'Servers failed to start', start: () => new SpawnFailures() });
