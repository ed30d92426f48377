// A Kubernetes Event, however it was exported (`kubectl get events -o json`, `--watch`, the text
// tables of `kubectl get events` and `kubectl events`): what the record parser makes a `k8s-event`
// of. The Event is not a log line: it goes past the line shapes and message parsers, with the user
// a KubeSpawner pod (or volume claim) it is about stands for.
import { userOfPodName } from '../../src/core/pod-name.js';
import type { Unwrapped } from './types.js';

/** What one Event says, as the `k8s-event` event carries it (src/core/model/events.ts). */
export interface KubeEvent {
  eventType: string | null;
  reason: string;
  /** `<Kind>/<name>` of what it is about. */
  object: string;
  podName: string | null;
  user: string | null;
  message: string;
  count: number | null;
  /** The namespace of what it is about; for a node, of the user's pod its message names. */
  namespace: string | null;
}

// `kubectl get events` writes the kind in lower case (`pod/jupyter-alice`); the Event says `Pod`.
const KINDS = new Map(['Pod', 'Node', 'PersistentVolumeClaim', 'PersistentVolume', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'Service', 'Endpoints', 'EndpointSlice', 'ConfigMap', 'Secret', 'Namespace', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount',
  'Lease', 'StorageClass', 'VolumeAttachment', 'CertificateSigningRequest', 'Certificate'].map((k) => [k.toLowerCase(), k]));

// Objects of no namespace: a table's NAMESPACE column is then the Event's own (`default`), not theirs.
const CLUSTER_SCOPED = new Set(['Node', 'PersistentVolume', 'Namespace', 'StorageClass', 'VolumeAttachment', 'CertificateSigningRequest']);

/** A kind as the Event spells it (`persistentvolumeclaim` → `PersistentVolumeClaim`). */
function kindOf(kind: string): string {
  return KINDS.get(kind.toLowerCase()) ?? (kind === kind.toLowerCase() ? kind.charAt(0).toUpperCase() + kind.slice(1) : kind);
}

// A node's Event (the autoscaler draining it, a failed eviction) may name the user's pod it is
// about, `jhub/jupyter-alice` or `pod "jupyter-alice"`; a process called `jupyter-lab` is no pod.
const NAMED_POD = /\bpods?[\s:]+["']?(?:([a-z0-9][-a-z0-9]*)\/)?(jupyter-[a-z0-9][-a-z0-9]*)|(?:^|[\s"'[])([a-z0-9][-a-z0-9]*)\/(jupyter-[a-z0-9][-a-z0-9]*)/;

/**
 * The Event's fields with the user joined: a KubeSpawner pod it is about (`jupyter-<name>`), or a
 * claim (`claim-<name>`, user only), or for any other object the user's pod its message names.
 */
export function kubeEvent(e: { eventType: string | null; reason: string; kind: string; name: string; namespace: string | null; message: string; count: number | null }): KubeEvent {
  const kind = kindOf(e.kind);
  const object = `${kind}/${e.name}`;
  const namespace = CLUSTER_SCOPED.has(kind) ? null : e.namespace;
  const base = { eventType: e.eventType, reason: e.reason, object, message: e.message, count: e.count, namespace };
  if (kind === 'Pod' && e.name.startsWith('jupyter-')) return { ...base, podName: e.name, user: userOfPodName(e.name) };
  if (kind === 'Pod') return { ...base, podName: null, user: null };
  if (kind === 'PersistentVolumeClaim') return { ...base, podName: null, user: userOfPodName(e.name) };
  const m = NAMED_POD.exec(e.message);
  if (!m) return { ...base, podName: null, user: null };
  const pod = m[2] ?? m[4];
  return { ...base, podName: pod, user: userOfPodName(pod), namespace: namespace ?? m[1] ?? m[3] ?? null };
}

/** One line that says what the Event says, as `kubectl events` prints it: what `text` of the event shows. */
function kubeEventLine(k: KubeEvent): string {
  const count = k.count !== null && k.count > 1 ? ` (x${k.count})` : '';
  return `${k.eventType ?? '-'} ${k.reason || '-'} ${k.object}${count}: ${k.message}`;
}

/** The Unwrapped that carries an Event to the record parser. */
export function kubeEventRecord(envelope: string, k: KubeEvent, t: number): Unwrapped {
  return { envelope, text: kubeEventLine(k), t, k8s: k };
}
