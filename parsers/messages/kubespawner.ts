// KubeSpawner's own troubles (reflector.py, spawner.py, 0.9 – 7.x) and what the spawn progress page
// shows of a spawn: the watch on pods or events lost and retried or given up, a pod that never
// showed up, a failed spawn, and the pod's Kubernetes events.
import type { Fields, MessageParser } from './types.js';
import { userOfPodName } from '../../src/core/pod-name.js';

const RETRY = /^Error when watching resources, retrying in (\d+(?:\.\d+)?)s/;
const GAVE_UP = 'Watching resources never recovered, giving up';
const MISSING = /^Pod (\S+) never showed up in reflector/;
const FAILED_POD = /^pod (\S+) did not start in /;
const EVENT = /^\[(Normal|Warning)\] ([\s\S]*)$/;

function spawnFailed(reason: string): Fields {
  const pod = FAILED_POD.exec(reason)?.[1] ?? null;
  return { kind: 'spawn-failed', reason, podName: pod, user: pod === null ? null : userOfPodName(pod) };
}

export const kubespawner: MessageParser = {
  name: 'kubespawner',
  parse(msg, p): Fields | null {
    const c = msg.charCodeAt(0);
    if (c === 69) {
      const m = RETRY.exec(msg);
      return m ? { kind: 'reflector-retry', retrySeconds: Number(m[1]) } : null;
    }
    if (c === 87) return msg.startsWith(GAVE_UP) ? { kind: 'reflector-stopped' } : null;
    if (c === 80) {
      const m = MISSING.exec(msg);
      return m ? { kind: 'pod-missing', podName: m[1], user: userOfPodName(m[1]) } : null;
    }
    if (p.shape !== 'spawn-progress') return null;
    if (c === 83) return msg.startsWith('Spawn failed: ') ? spawnFailed(msg.slice(14)) : null;
    const m = EVENT.exec(msg);
    return m ? { kind: 'pod-event', eventType: m[1] === 'Warning' ? 'Warning' : 'Normal', message: m[2] } : null;
  },
  needles: [
    { text: 'Error when watching resources, retrying in ', at: 'start', why: "KubeSpawner's reflector lost its watch" },
    { text: GAVE_UP, at: 'start', why: "KubeSpawner's reflector gave up: the hub no longer sees its pods" },
    { text: 'Pod ', at: 'start', why: 'a pod that never showed up in the reflector' },
    { text: 'Spawn failed: ', at: 'start', why: 'failed spawns on the progress page' },
    { text: '[Warning] ', at: 'start', why: "the user's pod events on the progress page" },
    { text: '[Normal] ', at: 'start', why: "the user's pod events on the progress page" },
  ],
  samples: [
    { line: '[E 2025-08-21 03:14:07.219 JupyterHub reflector:367] Error when watching resources, retrying in 0.2s', kind: 'reflector-retry' },
    { line: '[E 2025-08-21 03:15:26.036 JupyterHub reflector:363] Watching resources never recovered, giving up', kind: 'reflector-stopped' },
    { line: '[E 2025-08-21 03:25:41.733 JupyterHub spawner:2810] Pod jhub/jupyter-fatima never showed up in reflector, restarting pod reflector', kind: 'pod-missing' },
    { line: 'Spawn failed: pod prod/jupyter-nora-2ekim-40example-2eorg did not start in 900 seconds!', kind: 'spawn-failed' },
    { line: '[Warning] 0/21 nodes are available: 3 Insufficient cpu.', kind: 'pod-event' },
    { line: '[Normal] Successfully assigned prod/jupyter-nora to aks-user-37927680-vmss00039w', kind: 'pod-event' },
  ],
};
