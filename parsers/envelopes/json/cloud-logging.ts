// GKE Cloud Logging LogEntry (`gcloud logging read --format=json`, export sinks). `severity` is set
// from the stream, not the line, so the level comes from the line's own prefix.
import type { JsonExport } from '../types.js';
import { body, obj, str, time } from './fields.js';

export const cloudLogging: JsonExport = {
  id: 'cloud-logging',
  title: 'gcloud logging read --format=json (LogEntry)',
  unwrap(o) {
    const resource = obj(o.resource);
    if (typeof o.textPayload !== 'string' && !(resource && typeof o.logName === 'string')) return null;
    const labels = obj(resource?.labels) ?? {};
    const logName = str(o.logName) ?? '';
    return {
      envelope: 'cloud-logging', text: body(str(o.textPayload) ?? '').text, t: time(o.timestamp, o.receiveTimestamp),
      pod: str(labels.pod_name), container: str(labels.container_name), namespace: str(labels.namespace_name),
      stream: logName.endsWith('/stdout') ? 'stdout' : logName.endsWith('/stderr') ? 'stderr' : undefined,
    };
  },
  samples: [{
    line: '{"logName":"projects/p/logs/stderr","resource":{"type":"k8s_container","labels":{"pod_name":"hub-7c9d5b8f4-x2k9q","container_name":"hub"}},"severity":"ERROR","textPayload":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","timestamp":"2025-05-14T13:40:02.118734512Z"}',
    envelope: 'cloud-logging', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
