// `kubectl logs --prefix` adds `[pod/<pod>/<container>] `; `--timestamps` adds the kubelet's
// RFC3339Nano time and a space; both together put the prefix first.
import type { Unwrapped } from './types.js';
import { looksLikeRfc3339At, rfc3339End } from './rfc3339.js';

const PREFIX = /^\[pod\/([^/\]\s]+)\/([^\]\s]+)\] /;

export function unwrapKubectl(line: string): Unwrapped | null {
  let text = line;
  let pod: string | undefined;
  let container: string | undefined;
  if (line.startsWith('[pod/')) {
    const m = PREFIX.exec(line);
    if (!m) return null;
    pod = m[1];
    container = m[2];
    text = line.slice(m[0].length);
  }
  if (looksLikeRfc3339At(text, 0)) {
    const end = rfc3339End(text, 0);
    // CHP 5.x starts its own lines with an ISO time (`2025-05-14T10:22:00.602Z [ConfigProxy] …`):
    // that time belongs to the line, it is not kubectl's envelope.
    if (end > 0 && text.charCodeAt(end) === 32 && !text.startsWith('[ConfigProxy]', end + 1)) {
      const t = Date.parse(text.slice(0, end));
      if (Number.isFinite(t)) {
        return { envelope: pod ? 'kubectl-prefix-timestamps' : 'kubectl-timestamps', text: text.slice(end + 1), t, pod, container };
      }
    }
  }
  if (!pod) return null;
  return { envelope: 'kubectl-prefix', text, t: NaN, pod, container };
}
