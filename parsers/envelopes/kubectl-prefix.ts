// `kubectl logs --prefix` adds `[pod/<pod>/<container>] ` before everything, `--timestamps` included.
import type { Envelope } from './types.js';
import { kubectlTime } from './kubectl-time.js';

const PREFIX = /^\[pod\/([^/\]\s]+)\/([^\]\s]+)\] /;

export const kubectlPrefix: Envelope = {
  ids: ['kubectl-prefix', 'kubectl-prefix-timestamps'],
  title: 'kubectl logs --prefix (with or without --timestamps)',
  starts: '[',
  unwrap(line) {
    if (!line.startsWith('[pod/')) return null;
    const m = PREFIX.exec(line);
    if (!m) return null;
    const text = line.slice(m[0].length);
    const k = kubectlTime(text);
    if (k) return { envelope: 'kubectl-prefix-timestamps', text: text.slice(k.at), t: k.t, pod: m[1], container: m[2] };
    return { envelope: 'kubectl-prefix', text, t: NaN, pod: m[1], container: m[2] };
  },
  samples: [
    { line: "[pod/hub-7c9d5b8f4-x2k9q/hub] 2025-05-14T13:40:02.118734512Z [W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'kubectl-prefix-timestamps', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' },
    { line: "[pod/hub-7c9d5b8f4-x2k9q/hub] [W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'kubectl-prefix', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed." },
  ],
};
