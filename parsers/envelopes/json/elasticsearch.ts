// An Elasticsearch / OpenSearch hit: `_index`, `_id`, `_source` (the stored document, read by the
// export it belongs to, Fluent Bit's usually). The hits of a `_search` response and the lines of
// `elasticdump --type=data` are both of this shape.
import type { JsonExport } from '../types.js';
import { obj } from './fields.js';

export const elasticsearch: JsonExport = {
  id: 'elasticsearch',
  title: 'Elasticsearch/OpenSearch hits (elasticdump --type=data, one per line)',
  unwrap(o, inner) {
    const source = obj(o._source);
    if (!source || typeof o._index !== 'string') return null;
    const u = inner(source);
    return u ? { ...u, envelope: 'elasticsearch' } : null;
  },
  samples: [{
    line: '{"_index":"fluent-bit-2025.05.14","_type":"_doc","_id":"b3JjLp8BqQ","_score":1,"_source":{"@timestamp":"2025-05-14T13:40:02.118Z","time":"2025-05-14T13:40:02.11873451Z","stream":"stderr","_p":"F","log":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","kubernetes":{"pod_name":"hub-7c9d5b8f4-x2k9q","namespace_name":"jhub","container_name":"hub"}}}',
    envelope: 'elasticsearch', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
