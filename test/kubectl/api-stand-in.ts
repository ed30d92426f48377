// A Kubernetes API server stand-in for the real kubectl: the discovery documents kubectl reads before
// `get pods`, the pod list (with its label selector applied), one pod, and its containers' logs.
// It records every request, so a test can say what kubectl was asked. Only what kubectl 1.2x calls
// for `get pods -l … -o json` and `logs POD -c C [--previous] [--since…]` is served.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StandInPod {
  name: string;
  labels: Record<string, string>;
  created: string;
  container: string;
  /** The running container's log; null: the container is still waiting. */
  log: string | null;
  /** The log of the container before the last restart, when it restarted. */
  previous?: string;
  /** A log request for this pod fails with this Status (code, reason, message). */
  logFailure?: { code: number; reason: string; message: string };
  /** A log request for this pod starts its answer and then stalls (a slow kubelet), until the stand-in closes. */
  logStalls?: boolean;
}

export interface StandIn {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  close(): Promise<void>;
}

interface Namespace {
  pods: StandInPod[];
  /** Listing its pods is refused with this Status message (403 Forbidden). */
  forbidden?: string;
}

// Answers held open by pods whose log stalls: ended when the stand-in closes.
const stalled = new Set<ServerResponse>();

const json = (res: ServerResponse, body: unknown, code = 200) => {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const status = (res: ServerResponse, code: number, reason: string, message: string) =>
  json(res, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }, code);

function podObject(ns: string, p: StandInPod): object {
  const running = p.log !== null;
  return {
    metadata: { name: p.name, namespace: ns, labels: p.labels, creationTimestamp: p.created },
    spec: { containers: [{ name: p.container, image: 'quay.io/jupyterhub/k8s-hub:4.2.0' }] },
    status: {
      phase: running ? 'Running' : 'Pending',
      containerStatuses: [{
        name: p.container,
        restartCount: p.previous === undefined ? 0 : 1,
        state: running ? { running: { startedAt: p.created } } : { waiting: { reason: 'ContainerCreating' } },
        lastState: p.previous === undefined ? {} : { terminated: { exitCode: 1, reason: 'Error' } },
      }],
    },
  };
}

/** `app=jupyterhub,component=hub`: equality terms only, which is all the plugin sends. */
function matches(selector: string | null, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return labels[k] === v;
  });
}

function handle(namespaces: Record<string, Namespace>, req: IncomingMessage, res: ServerResponse): void {
  const u = new URL(req.url ?? '/', 'http://stand-in');
  const path = u.pathname;
  if (path === '/version') return json(res, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
  // Legacy discovery: kubectl asks for the aggregated form first and takes this plain answer too.
  if (path === '/api') return json(res, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
  if (path === '/apis') return json(res, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  if (path === '/api/v1') {
    return json(res, { kind: 'APIResourceList', groupVersion: 'v1', resources: [
      { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
    ] });
  }
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+)(\/log)?)?$/.exec(path);
  const ns = m ? namespaces[m[1]] ?? { pods: [] } : undefined;
  if (!m || !ns) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
  const [, nsName, podName, log] = m;
  if (!podName) {
    if (ns.forbidden) return status(res, 403, 'Forbidden', ns.forbidden);
    const items = ns.pods.filter((p) => matches(u.searchParams.get('labelSelector'), p.labels)).map((p) => podObject(nsName, p));
    return json(res, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items });
  }
  const pod = ns.pods.find((p) => p.name === podName);
  if (!pod) return status(res, 404, 'NotFound', `pods "${podName}" not found`);
  if (!log) return json(res, { kind: 'Pod', apiVersion: 'v1', ...podObject(nsName, pod) });
  if (pod.logFailure) return status(res, pod.logFailure.code, pod.logFailure.reason, pod.logFailure.message);
  // sinceSeconds is recorded, not applied: the samples are from 2025, a window relative to now would hold nothing.
  const previous = u.searchParams.get('previous') === 'true';
  const body = previous ? pod.previous : pod.log;
  // Without `container` (kubectl 1.20 sends none for a pod of one container) the API takes the only one.
  if (body === undefined || body === null || (u.searchParams.get('container') ?? pod.container) !== pod.container) {
    return status(res, 400, 'BadRequest', `previous terminated container "${pod.container}" in pod "${pod.name}" not found`);
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  if (pod.logStalls) {
    res.write(body.slice(0, body.indexOf('\n') + 1));
    stalled.add(res);
    return;
  }
  res.end(body);
}

export async function startStandIn(namespaces: Record<string, Namespace>): Promise<StandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handle(namespaces, req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => {
      for (const res of stalled) res.end();
      stalled.clear();
      server.close(() => r());
    }),
  };
}

/** A kubeconfig whose current context points at the stand-in, with a token kubectl sends along. */
export function writeKubeconfig(dir: string, url: string): string {
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config',
    'clusters:', '- name: stand-in', '  cluster:', `    server: ${url}`,
    'users:', '- name: viewer', '  user:', '    token: stand-in-token',
    'contexts:', '- name: stand-in', '  context:', '    cluster: stand-in', '    user: viewer',
    '- name: other', '  context:', '    cluster: stand-in', '    user: viewer', '    namespace: jhub',
    'current-context: stand-in', '',
  ].join('\n'), { mode: 0o600 });
  return file;
}
