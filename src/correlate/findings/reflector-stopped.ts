// KubeSpawner's reflector gave up watching pods (or events): from then on the hub sees no pod
// change (a start, a stop, a crash) until it is restarted, so spawns hang and stops never finish.
import type { Evidence } from '../../core/model/report.js';
import { iso } from '../../core/time.js';
import { plural } from '../../core/text.js';
import { evidenceOf } from '../evidence.js';
import { defineFinding, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

class ReflectorStopped implements FindingObserver<'reflector-stopped'> {
  private stoppedAt: number | null = null;
  private retries = 0;
  private readonly evidence: Evidence[] = [];
  private restartedSince = false;

  observe(s: StoryStep): void {
    if (s.kind === 'hub-start' && this.stoppedAt !== null) this.restartedSince = true;
    if (s.kind !== 'server') return;
    if (s.ev.kind === 'reflector-retry' && this.evidence.length < 3) {
      this.retries++;
      this.evidence.push(evidenceOf(s.ev));
    } else if (s.ev.kind === 'reflector-retry') this.retries++;
    else if (s.ev.kind === 'reflector-stopped') {
      this.stoppedAt ??= s.ev.t;
      this.restartedSince = false;
      this.evidence.push(evidenceOf(s.ev));
    }
  }

  finish(): FindingOf<'reflector-stopped'>[] {
    if (this.stoppedAt === null) return [];
    const after = this.restartedSince ? 'A hub start came after it, which starts a new watch.' : 'No hub start came after it in the log: the hub may still be blind to its pods.';
    return [{
      kind: 'reflector-stopped', severity: this.restartedSince ? 'warning' : 'error', at: iso(this.stoppedAt), evidence: this.evidence.slice(-5),
      summary: `KubeSpawner stopped watching the cluster (\`Watching resources never recovered, giving up\`${this.retries > 0 ? ` after ${plural(this.retries, 'retry', 'retries')}` : ''}): the hub no longer sees pods start, stop or crash, so spawns hang and stops do not finish. ${after}`,
      remediation: [
        'Restart the hub pod (`kubectl rollout restart deploy/hub`): a new hub process starts a new watch.',
        "Find why the watch failed at the first `Error when watching resources` line: the Kubernetes API server unreachable or slow, or the hub's service account refused (`kubectl auth can-i watch pods --as=system:serviceaccount:<namespace>:hub`).",
      ],
    }];
  }
}

export const reflectorStopped = defineFinding({ kind: 'reflector-stopped', title: "KubeSpawner stopped watching the hub's pods", start: () => new ReflectorStopped() });
