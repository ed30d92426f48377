// A Kubernetes Event object, of either schema: the core `v1` Event (`involvedObject`, `message`,
// `count`, `firstTimestamp`/`lastTimestamp`) and the `events.k8s.io/v1` Event (`regarding`, `note`,
// `deprecatedCount`, `deprecatedFirstTimestamp`/`deprecatedLastTimestamp`), both with `eventTime`
// and `series`. One a line (`kubectl get events -o json | jq -c '.items[]'`), pretty-printed one
// after another (`kubectl get events -o json --watch`), as the list's items (../documents/), or
// inside a watch event (`--output-watch-events`: `{"type":"ADDED","object":{…}}`).
import type { JsonExport } from '../types.js';
import { kubeEvent, kubeEventRecord } from '../kube-event.js';
import { obj, str, time, type Obj } from './fields.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function eventOf(o: Obj): Obj | null {
  const ref = obj(o.involvedObject) ?? obj(o.regarding);
  if (ref && (o.kind === 'Event' || typeof o.reason === 'string')) return o;
  // A watch event around it: an Event added or changed (a deleted one is an old one expiring).
  const inner = obj(o.object);
  if (inner && (o.type === 'ADDED' || o.type === 'MODIFIED') && inner.kind === 'Event') return eventOf(inner);
  return null;
}

export const k8sEvents: JsonExport = {
  id: 'k8s-events',
  title: 'Kubernetes Events (core v1 and events.k8s.io/v1: kubectl get events -o json, --watch, jq -c .items[])',
  unwrap(o) {
    const e = eventOf(o);
    if (!e) return null;
    const ref = obj(e.involvedObject) ?? obj(e.regarding) ?? {};
    const series = obj(e.series);
    // kubectl's own reading: a series holds the count of a repeated Event; one that happened once has none.
    const count = num(series?.count) ?? num(e.count) ?? num(e.deprecatedCount);
    const k = kubeEvent({
      eventType: str(e.type) || null,
      reason: str(e.reason) ?? '',
      kind: str(ref.kind) ?? '',
      name: str(ref.name) ?? '',
      namespace: str(ref.namespace) || null,
      message: (str(e.message) ?? str(e.note) ?? '').trim(),
      count: count !== null && count > 0 ? count : 1,
    });
    // When it last happened, as far as the Event says.
    const t = time(e.lastTimestamp, e.deprecatedLastTimestamp, series?.lastObservedTime, e.eventTime, e.firstTimestamp, e.deprecatedFirstTimestamp);
    return kubeEventRecord('k8s-events', k, t);
  },
  samples: [{
    line: '{"apiVersion":"v1","count":3,"eventTime":null,"firstTimestamp":"2025-05-14T13:38:12Z","involvedObject":{"apiVersion":"v1","kind":"Pod","name":"jupyter-alice","namespace":"jhub","resourceVersion":"48213","uid":"5c0e8a52-8d0b-4a58-9e0a-0f2f3b1d7c11"},"kind":"Event","lastTimestamp":"2025-05-14T13:40:02Z","message":"0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.","metadata":{"name":"jupyter-alice.17f0a2c4e1b2d3a4","namespace":"jhub"},"reason":"FailedScheduling","reportingComponent":"default-scheduler","reportingInstance":"","source":{"component":"default-scheduler"},"type":"Warning"}',
    envelope: 'k8s-events',
    text: 'Warning FailedScheduling Pod/jupyter-alice (x3): 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    t: '2025-05-14T13:40:02.000Z',
  }, {
    line: '{"apiVersion":"events.k8s.io/v1","deprecatedCount":1,"deprecatedFirstTimestamp":"2025-05-14T13:41:30Z","deprecatedLastTimestamp":"2025-05-14T13:41:30Z","deprecatedSource":{"component":"kubelet","host":"gke-jhub-user-pool-3f1c0a2b-x7kq"},"eventTime":null,"kind":"Event","metadata":{"name":"jupyter-bob.17f0a2d1a9c0e5b7","namespace":"jhub"},"note":"The node was low on resource: memory. Threshold quantity: 100Mi, available: 91412Ki. Container notebook was using 3512244Ki, request is 1Gi, has larger consumption of memory.","reason":"Evicted","regarding":{"apiVersion":"v1","kind":"Pod","name":"jupyter-bob","namespace":"jhub"},"type":"Warning"}',
    envelope: 'k8s-events',
    text: 'Warning Evicted Pod/jupyter-bob: The node was low on resource: memory. Threshold quantity: 100Mi, available: 91412Ki. Container notebook was using 3512244Ki, request is 1Gi, has larger consumption of memory.',
    t: '2025-05-14T13:41:30.000Z',
  }],
};
