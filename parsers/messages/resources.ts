// What goes with a deletion: KubeSpawner pod/PVC deletions and proxy route removals (hub and CHP).
import type { Fields, MessageParser } from './types.js';
import { safeDecodeURIComponent } from '../../src/core/text.js';
import { userOfPodName } from '../../src/core/pod-name.js';

const REMOVING_USER = /^Removing user (.+) from proxy \((.*)\)$/;
const ROUTE = /^Removing route (\S+)/;
const USER_ROUTE = /^\/user\/([^/]+)/;

export const resources: MessageParser = {
  name: 'resources',
  parse(msg, p): Fields | null {
    const c = msg[0];
    if (c === 'D') {
      if (msg.startsWith('Deleting pvc ')) {
        const pvc = msg.slice(13).trim();
        return { kind: 'pvc-deleted', pvc, user: userOfPodName(pvc) };
      }
      if (msg.startsWith('Deleting pod ')) {
        const podName = msg.slice(13).trim();
        return { kind: 'pod-deleted', podName, user: userOfPodName(podName) };
      }
    } else if (c === 'R') {
      const m = REMOVING_USER.exec(msg);
      if (m) return { kind: 'proxy-route-removed', route: m[2], user: m[1] };
      if (p.shape === 'chp') {
        const r = ROUTE.exec(msg);
        if (r) {
          const u = USER_ROUTE.exec(r[1]);
          return { kind: 'proxy-route-removed', route: r[1], user: u ? safeDecodeURIComponent(u[1]) : null };
        }
      }
    }
    return null;
  },
  needles: [
    { text: 'Deleting pvc ', at: 'start', why: 'home volumes deleted with their users' },
    { text: 'Deleting pod ', at: 'start', why: 'servers stopped' },
    { text: 'Removing user ', at: 'start', why: 'proxy routes removed (hub)' },
    { text: 'Removing route ', at: 'start', why: 'proxy routes removed (proxy)' },
  ],
  samples: [
    { line: '[I 2025-05-14 10:22:00.530 JupyterHub spawner:2881] Deleting pvc claim-alice-40example-2ecom', kind: 'pvc-deleted' },
    { line: '[I 2025-05-14 09:12:00.420 JupyterHub spawner:2849] Deleting pod jhub/jupyter-alice-40example-2ecom', kind: 'pod-deleted' },
    { line: '[I 2025-05-14 09:12:00.412 JupyterHub proxy:357] Removing user alice@example.com from proxy (/user/alice@example.com/)', kind: 'proxy-route-removed' },
    { line: '22:14:58.690 [ConfigProxy] \x1b[32minfo\x1b[39m: Removing route /user/alice', kind: 'proxy-route-removed' },
  ],
};
