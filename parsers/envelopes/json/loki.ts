// Grafana Loki `logcli query --output=jsonl`: `labels`, `line`, `timestamp`. Label names depend on
// the collector, so the usual spellings of pod and container are all tried.
import type { JsonExport } from '../types.js';
import { body, obj, str, time } from './fields.js';

export const loki: JsonExport = {
  id: 'loki',
  title: 'logcli query --output=jsonl',
  unwrap(o) {
    if (typeof o.line !== 'string' || !('timestamp' in o || 'labels' in o)) return null;
    const labels = obj(o.labels) ?? {};
    return {
      envelope: 'loki', text: body(o.line).text, t: time(o.timestamp),
      pod: str(labels.pod) ?? str(labels.pod_name) ?? str(labels.k8s_pod_name),
      container: str(labels.container) ?? str(labels.container_name) ?? str(labels.k8s_container_name),
      namespace: str(labels.namespace) ?? str(labels.namespace_name) ?? str(labels.k8s_namespace_name),
      stream: str(labels.stream),
    };
  },
  samples: [{
    line: '{"labels":{"container":"hub","namespace":"jhub","pod":"hub-7c9d5b8f4-x2k9q","stream":"stderr"},"line":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","timestamp":"2025-05-14T13:40:02.118734512Z"}',
    envelope: 'loki', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
