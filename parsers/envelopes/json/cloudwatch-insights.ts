// A row of CloudWatch Logs Insights results (`aws logs get-query-results`, made an object from its
// field/value pairs by the document reader): `@timestamp` in UTC without a zone, `@message` as in
// a CloudWatch event, `@logStream`, `@ptr`.
import type { JsonExport } from '../types.js';
import { messageField, utcTime } from './fields.js';

export const cloudwatchInsights: JsonExport = {
  id: 'cloudwatch-insights',
  title: 'aws logs get-query-results (Logs Insights rows)',
  unwrap(o, inner) {
    if (typeof o['@message'] !== 'string' || !('@timestamp' in o || '@ptr' in o)) return null;
    return messageField('cloudwatch-insights', o['@message'], utcTime(o['@timestamp']), inner);
  },
  samples: [{
    line: '{"@timestamp":"2025-05-14 13:40:02.118","@message":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","@logStream":"hub-7c9d5b8f4-x2k9q_jhub_hub-3f1c0a","@ptr":"CmAKJgoiMTIzNDU2Nzg5MDEyOi9hd3MvY29udGFpbmVyaW5zaWdodHMQABI0GhgCBmXx"}',
    envelope: 'cloudwatch-insights', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
