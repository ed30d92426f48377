// Fluent Bit (or Fluentd) documents as Elasticsearch/OpenSearch store them: `log` (cri multiline
// parser, docker parser) or `message` (classic cri parser), `kubernetes.*`, `@timestamp`.
import type { JsonExport } from '../types.js';
import { body, obj, str, time } from './fields.js';

export const fluentBit: JsonExport = {
  id: 'fluent-bit',
  title: 'Fluent Bit → Elasticsearch/OpenSearch',
  unwrap(o) {
    const k8s = obj(o.kubernetes);
    const raw = str(o.log) ?? str(o.message);
    if (raw === undefined || !(k8s || '@timestamp' in o || '_p' in o || 'logtag' in o)) return null;
    const tag = str(o._p) ?? str(o.logtag);
    return {
      envelope: 'fluent-bit', text: body(raw).text, t: time(o.time, o['@timestamp'], o.timestamp),
      pod: str(k8s?.pod_name), container: str(k8s?.container_name), namespace: str(k8s?.namespace_name), stream: str(o.stream),
      partial: tag === 'P',
    };
  },
  samples: [{
    line: '{"@timestamp":"2025-05-14T13:40:02.118Z","time":"2025-05-14T13:40:02.11873451Z","stream":"stderr","_p":"F","log":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","kubernetes":{"pod_name":"hub-7c9d5b8f4-x2k9q","namespace_name":"jhub","container_name":"hub"}}',
    envelope: 'fluent-bit', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
