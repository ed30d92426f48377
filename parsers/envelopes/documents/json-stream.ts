// Pretty-printed JSON records one after another, with no array around them: `kubectl get events
// -o json --watch` writes each Event so as it comes (and `jq .` does the same to any JSON-lines
// export). Told from a single JSON document by its first value: a record one of the JSON exports
// (../json/) reads, ending before the input does.
import type { DocumentExport } from '../types.js';

export const jsonStream: DocumentExport = {
  id: 'json-stream',
  title: 'pretty-printed JSON records one after another: kubectl get events -o json --watch, jq . of JSON lines',
  path: [],
  stream: true,
  samples: [{
    document: `{
    "action": "Scheduling",
    "apiVersion": "events.k8s.io/v1",
    "eventTime": "2025-05-14T13:38:12.417263Z",
    "kind": "Event",
    "metadata": {
        "creationTimestamp": "2025-05-14T13:38:12Z",
        "name": "jupyter-alice.17f0a2c4e1b2d3a4",
        "namespace": "jhub",
        "resourceVersion": "48240",
        "uid": "3a7c2e19-6b4d-4f0a-8e2c-1d9b7f5a3c60"
    },
    "note": "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    "reason": "FailedScheduling",
    "regarding": {
        "apiVersion": "v1",
        "kind": "Pod",
        "name": "jupyter-alice",
        "namespace": "jhub",
        "resourceVersion": "48213",
        "uid": "5c0e8a52-8d0b-4a58-9e0a-0f2f3b1d7c11"
    },
    "reportingController": "default-scheduler",
    "reportingInstance": "default-scheduler-gke-jhub-default-pool-8d2e4f1a-q3ws",
    "series": {
        "count": 3,
        "lastObservedTime": "2025-05-14T13:40:02.118734Z"
    },
    "type": "Warning"
}
{
    "apiVersion": "v1",
    "count": 1,
    "eventTime": null,
    "firstTimestamp": "2025-05-14T13:38:20Z",
    "involvedObject": {
        "apiVersion": "v1",
        "kind": "Pod",
        "name": "jupyter-alice",
        "namespace": "jhub",
        "resourceVersion": "48213",
        "uid": "5c0e8a52-8d0b-4a58-9e0a-0f2f3b1d7c11"
    },
    "kind": "Event",
    "lastTimestamp": "2025-05-14T13:38:20Z",
    "message": "pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/hub-prod/zones/us-central1-a/instanceGroups/gke-jhub-user-pool-3f1c0a2b-grp 1->2 (max: 10)}]",
    "metadata": {
        "creationTimestamp": "2025-05-14T13:38:20Z",
        "name": "jupyter-alice.17f0a2c6b0d4e8f1",
        "namespace": "jhub",
        "resourceVersion": "48251",
        "uid": "9e4d6b28-0c1f-4a7e-b3d5-2f8a6c4e1b90"
    },
    "reason": "TriggeredScaleUp",
    "reportingComponent": "cluster-autoscaler",
    "reportingInstance": "",
    "source": {
        "component": "cluster-autoscaler"
    },
    "type": "Normal"
}
`,
    records: [
      { envelope: 'k8s-events', text: 'Warning FailedScheduling Pod/jupyter-alice (x3): 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', t: '2025-05-14T13:40:02.118Z' },
      { envelope: 'k8s-events', text: 'Normal TriggeredScaleUp Pod/jupyter-alice: pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/hub-prod/zones/us-central1-a/instanceGroups/gke-jhub-user-pool-3f1c0a2b-grp 1->2 (max: 10)}]', t: '2025-05-14T13:38:20.000Z' },
    ],
  }],
};
