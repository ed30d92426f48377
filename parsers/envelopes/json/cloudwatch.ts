// CloudWatch Logs events as `aws logs filter-log-events` and `get-log-events` return them (the
// `events` array of their JSON): `timestamp` and `ingestionTime` in ms, `message`, and for
// filter-log-events `logStreamName` and `eventId`. On EKS with Container Insights the message is
// Fluent Bit's record as JSON (`log`, `stream`, `kubernetes.*`).
import type { JsonExport } from '../types.js';
import { messageField } from './fields.js';

export const cloudwatch: JsonExport = {
  id: 'cloudwatch',
  title: 'aws logs filter-log-events / get-log-events (CloudWatch events)',
  unwrap(o, inner) {
    if (typeof o.message !== 'string' || typeof o.timestamp !== 'number' || !('ingestionTime' in o || 'eventId' in o || 'logStreamName' in o)) return null;
    return messageField('cloudwatch', o.message, o.timestamp, inner);
  },
  samples: [{
    line: '{"logStreamName":"hub-7c9d5b8f4-x2k9q_jhub_hub-3f1c0a","timestamp":1747230002118,"message":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","ingestionTime":1747230003200,"eventId":"38253925419262839173466395720376402539128640519208271872"}',
    envelope: 'cloudwatch', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }, {
    line: '{"timestamp":1747230002118,"message":"{\\"time\\":\\"2025-05-14T13:40:02.118734512Z\\",\\"stream\\":\\"stderr\\",\\"_p\\":\\"F\\",\\"log\\":\\"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.\\",\\"kubernetes\\":{\\"pod_name\\":\\"hub-7c9d5b8f4-x2k9q\\",\\"namespace_name\\":\\"jhub\\",\\"container_name\\":\\"hub\\"}}","ingestionTime":1747230003200}',
    envelope: 'cloudwatch', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
