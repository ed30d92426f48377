// Wrappers a collector puts around each container line (parsers/envelopes/ takes them off).
// Each function gets one physical container line and returns the text written for it (without the
// final newline).
import { rfc3339Nano, rfc3339NanoFixed } from './fmt.js';

export type EnvelopeName = 'plain' | 'kubectl-timestamps' | 'kubectl-prefix-timestamps' | 'cri' | 'docker-json' | 'loki' | 'fluent-bit';

export const POD = 'hub-7c9d5b8f4-x2k9q';
export const NAMESPACE = 'jhub';
export const NODE = 'gke-jhub-pool-1-5f3e2a1b-k2xq';
/** containerd (and Docker json-file) split lines longer than this into partial pieces. */
const CRI_MAX_LINE = 16384;

export type Stream = 'stdout' | 'stderr';

/** Returns one or more output lines for one container line (several when the runtime splits it). */
export function wrap(env: EnvelopeName, line: string, stream: Stream, ns: bigint): string[] {
  switch (env) {
    case 'plain':
      return [line];
    case 'kubectl-timestamps':
      return [`${rfc3339NanoFixed(ns)} ${line}`];
    case 'kubectl-prefix-timestamps':
      return [`[pod/${POD}/hub] ${rfc3339NanoFixed(ns)} ${line}`];
    case 'cri': {
      const ts = rfc3339Nano(ns);
      return pieces(line).map((p, i, a) => `${ts} ${stream} ${i === a.length - 1 ? 'F' : 'P'} ${p}`);
    }
    case 'docker-json': {
      const time = rfc3339Nano(ns);
      return pieces(line).map((p, i, a) => JSON.stringify({ log: i === a.length - 1 ? p + '\n' : p, stream, time }));
    }
    case 'loki':
      // logcli --output=jsonl: keys labels, line, timestamp; promtail/Alloy see each physical line.
      return [JSON.stringify({ labels: { app: 'jupyterhub', component: 'hub', container: 'hub', namespace: NAMESPACE, pod: POD, stream }, line, timestamp: rfc3339Nano(ns) })];
    case 'fluent-bit': {
      // tail + multiline.parser cri (joins P pieces) + kubernetes filter + es output (Logstash_Format On)
      const t = rfc3339Nano(ns);
      return [JSON.stringify({ '@timestamp': new Date(Number(ns / 1000000n)).toISOString(), time: t, stream, _p: 'F', log: line,
        kubernetes: { pod_name: POD, namespace_name: NAMESPACE, pod_id: '3f0c9a2e-8b1d-4c55-9f6e-2d7a1b0c4e91', container_name: 'hub', host: NODE,
          labels: { app: 'jupyterhub', component: 'hub', release: NAMESPACE, 'hub_jupyter_org/network-access-proxy-api': 'true' },
          container_image: 'quay.io/jupyterhub/k8s-hub:3.3.7' } })];
    }
  }
}

/** Split on UTF-8 byte length as containerd does (lines here are ASCII, so chars == bytes). */
function pieces(line: string): string[] {
  if (line.length <= CRI_MAX_LINE) return [line];
  const out: string[] = [];
  for (let i = 0; i < line.length; i += CRI_MAX_LINE) out.push(line.slice(i, i + CRI_MAX_LINE));
  return out;
}
