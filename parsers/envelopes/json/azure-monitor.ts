// A row of `az monitor log-analytics query -o json` over ContainerLogV2 (AKS Container insights):
// one object per row, every column a string, plus `TableName`. `LogMessage` is the line (a JSON
// line becomes an object there); the older ContainerLog table has `LogEntry` instead.
import type { JsonExport } from '../types.js';
import { body, str, time } from './fields.js';

export const azureMonitor: JsonExport = {
  id: 'azure-monitor',
  title: 'az monitor log-analytics query -o json (ContainerLogV2 rows)',
  unwrap(o) {
    const m = o.LogMessage ?? o.LogEntry;
    if (m === undefined || !('TimeGenerated' in o)) return null;
    const text = typeof m === 'string' ? m : JSON.stringify(m);
    return {
      envelope: 'azure-monitor', text: body(text).text, t: time(o.TimeGenerated),
      pod: str(o.PodName), container: str(o.ContainerName), namespace: str(o.PodNamespace), stream: str(o.LogSource),
    };
  },
  samples: [{
    line: '{"ContainerName":"hub","LogMessage":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.","LogSource":"stderr","PodName":"hub-7c9d5b8f4-x2k9q","PodNamespace":"jhub","TableName":"PrimaryResult","TimeGenerated":"2025-05-14T13:40:02.118734Z"}',
    envelope: 'azure-monitor', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
