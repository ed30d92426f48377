// An Elasticsearch / OpenSearch `_search` response: the records are `hits.hits`, each a hit with
// its `_source`; `took`, `_shards` and `hits.total` come before them.
import type { DocumentExport } from '../types.js';

export const esSearch: DocumentExport = {
  id: 'es-search',
  title: 'an Elasticsearch/OpenSearch _search response (hits.hits[]._source)',
  path: ['hits', 'hits'],
  samples: [{
    document: '{"took":12,"timed_out":false,"_shards":{"total":3,"successful":3,"skipped":0,"failed":0},"hits":{"total":{"value":1,"relation":"eq"},"max_score":null,"hits":[{"_index":"fluent-bit-2025.05.14","_id":"b3JjLp8BqQ","_score":null,"_source":{"@timestamp":"2025-05-14T13:40:02.118Z","stream":"stderr","_p":"F","log":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","kubernetes":{"pod_name":"hub-7c9d5b8f4-x2k9q","namespace_name":"jhub","container_name":"hub"}},"sort":[1747230002118]}]}}',
    records: [{ envelope: 'elasticsearch', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' }],
  }],
};
