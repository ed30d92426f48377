// `kubectl get events -o json` (and `kubectl events -o json`): a `List` (or `EventList`) whose
// `items` are Event objects of either schema (../json/k8s-events.ts). kubectl writes `items` before
// `kind`, so the array is known by its path alone; the API lists Events by name, not by time, so they are put in time order
// when the list ends.
import type { DocumentExport } from '../types.js';

export const k8sEventList: DocumentExport = {
  id: 'k8s-event-list',
  title: 'kubectl get events -o json, kubectl events -o json (the items of the List)',
  path: ['items'],
  unordered: true,
  samples: [{
    document: `{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "count": 1,
            "eventTime": null,
            "firstTimestamp": "2025-05-14T13:44:51Z",
            "involvedObject": {
                "apiVersion": "v1",
                "fieldPath": "spec.containers{notebook}",
                "kind": "Pod",
                "name": "jupyter-carol-40example-2eorg",
                "namespace": "jhub",
                "resourceVersion": "48877",
                "uid": "0b9f1f3e-52a4-4c36-9d0b-6a3b2f1e7d90"
            },
            "kind": "Event",
            "lastTimestamp": "2025-05-14T13:44:51Z",
            "message": "Failed to pull image \\"quay.io/jupyter/datascience-notebook:2025-05-1\\": rpc error: code = NotFound desc = failed to pull and unpack image \\"quay.io/jupyter/datascience-notebook:2025-05-1\\": failed to resolve reference \\"quay.io/jupyter/datascience-notebook:2025-05-1\\": quay.io/jupyter/datascience-notebook:2025-05-1: not found",
            "metadata": {
                "creationTimestamp": "2025-05-14T13:44:51Z",
                "name": "jupyter-carol-40example-2eorg.17f0a2f08c3d1e22",
                "namespace": "jhub",
                "resourceVersion": "48880",
                "uid": "7d2f4c11-1a6e-4b0e-8f4e-3c9d2a7b5e61"
            },
            "reason": "Failed",
            "reportingComponent": "kubelet",
            "reportingInstance": "gke-jhub-user-pool-3f1c0a2b-x7kq",
            "source": {
                "component": "kubelet",
                "host": "gke-jhub-user-pool-3f1c0a2b-x7kq"
            },
            "type": "Warning"
        },
        {
            "apiVersion": "v1",
            "count": 1,
            "eventTime": null,
            "firstTimestamp": "2025-05-14T13:20:07Z",
            "involvedObject": {
                "apiVersion": "v1",
                "kind": "Pod",
                "name": "jupyter-dan",
                "namespace": "jhub",
                "resourceVersion": "47102",
                "uid": "c8e3a0d4-7f61-4d2b-b1a9-5e0c3f2d8a17"
            },
            "kind": "Event",
            "lastTimestamp": "2025-05-14T13:20:07Z",
            "message": "deleting pod for node scale down",
            "metadata": {
                "creationTimestamp": "2025-05-14T13:20:07Z",
                "name": "jupyter-dan.17f0a1a4b6e9c0d3",
                "namespace": "jhub",
                "resourceVersion": "47110",
                "uid": "e1b7c9a2-3d4f-4e8a-9b6c-0f1e2d3c4b5a"
            },
            "reason": "ScaleDown",
            "reportingComponent": "cluster-autoscaler",
            "reportingInstance": "",
            "source": {
                "component": "cluster-autoscaler"
            },
            "type": "Normal"
        }
    ],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
`,
    records: [
      { envelope: 'k8s-events', text: 'Normal ScaleDown Pod/jupyter-dan: deleting pod for node scale down', t: '2025-05-14T13:20:07.000Z' },
      { envelope: 'k8s-events', text: 'Warning Failed Pod/jupyter-carol-40example-2eorg: Failed to pull image "quay.io/jupyter/datascience-notebook:2025-05-1": rpc error: code = NotFound desc = failed to pull and unpack image "quay.io/jupyter/datascience-notebook:2025-05-1": failed to resolve reference "quay.io/jupyter/datascience-notebook:2025-05-1": quay.io/jupyter/datascience-notebook:2025-05-1: not found', t: '2025-05-14T13:44:51.000Z' },
    ],
  }],
};
