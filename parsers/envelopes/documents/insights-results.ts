// `aws logs get-query-results` (CloudWatch Logs Insights): `results` is an array of rows, each an
// array of {field, value} pairs; `statistics` and `status` come beside it.
import type { DocumentExport } from '../types.js';

export const insightsResults: DocumentExport = {
  id: 'insights-results',
  title: 'aws logs get-query-results (the results rows of field/value pairs)',
  path: ['results'],
  record(element) {
    if (!Array.isArray(element)) return null;
    const o: Record<string, unknown> = {};
    for (const pair of element as unknown[]) {
      const p = pair as { field?: unknown; value?: unknown } | null;
      if (p && typeof p.field === 'string') o[p.field] = p.value;
    }
    return o;
  },
  samples: [{
    document: `{
    "results": [
        [
            {
                "field": "@timestamp",
                "value": "2025-05-14 13:40:02.118"
            },
            {
                "field": "@message",
                "value": "{\\"time\\":\\"2025-05-14T13:40:02.118734512Z\\",\\"stream\\":\\"stderr\\",\\"_p\\":\\"F\\",\\"log\\":\\"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.\\",\\"kubernetes\\":{\\"pod_name\\":\\"hub-7c9d5b8f4-x2k9q\\",\\"namespace_name\\":\\"jhub\\",\\"container_name\\":\\"hub\\"}}"
            },
            {
                "field": "@ptr",
                "value": "CmAKJgoiMTIzNDU2Nzg5MDEyOi9hd3MvY29udGFpbmVyaW5zaWdodHMQABI0GhgCBmXx"
            }
        ]
    ],
    "statistics": {
        "recordsMatched": 1.0,
        "recordsScanned": 2203.0,
        "bytesScanned": 412345.0
    },
    "status": "Complete"
}
`,
    records: [{ envelope: 'cloudwatch-insights', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' }],
  }],
};
