// The files a Kubernetes node keeps of its containers' logs name the pod in their path, and a CRI
// line names nothing: the path is then the only sign of which namespace (which hub) wrote it.
//   /var/log/pods/<namespace>_<pod>_<pod uid>/<container>/<restart>.log
//   /var/log/containers/<pod>_<namespace>_<container>-<container id>.log
// Copies keep these names (`kubectl cp`, a support bundle), so only the last segments are read.

export interface KubeLogPath {
  namespace: string;
  pod: string;
}

const NAME = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?';
const PODS_DIR = new RegExp(`(?:^|/)(${NAME})_(${NAME})_[0-9a-f-]{8,}/[a-z0-9-]+/\\d+\\.log(?:\\.[^/]*)?$`);
const CONTAINERS_FILE = new RegExp(`(?:^|/)(${NAME})_(${NAME})_[a-z0-9-]+-[0-9a-f]{64}\\.log$`);

/** The namespace and pod a node's log file path names, or null when it is not such a path. */
export function kubeLogPath(path: string): KubeLogPath | null {
  const p = PODS_DIR.exec(path);
  if (p) return { namespace: p[1], pod: p[2] };
  const c = CONTAINERS_FILE.exec(path);
  return c ? { namespace: c[2], pod: c[1] } : null;
}
