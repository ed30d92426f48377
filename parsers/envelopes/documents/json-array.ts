// A JSON array of records: `gcloud logging read --format=json` (LogEntry objects, newest first
// unless --order=asc) and `az monitor log-analytics query -o json` (one object per row).
import type { DocumentExport } from '../types.js';

export const jsonArray: DocumentExport = {
  id: 'json-array',
  title: 'a JSON array of records: gcloud logging read --format=json (newest first), az monitor log-analytics query -o json',
  path: [],
  samples: [{
    document: `[
  {
    "textPayload": "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.",
    "resource": {"type": "k8s_container", "labels": {"pod_name": "hub-7c9d5b8f4-x2k9q", "container_name": "hub", "namespace_name": "jhub"}},
    "timestamp": "2025-05-14T13:40:02.118734512Z",
    "logName": "projects/p/logs/stderr"
  }
]
`,
    records: [{ envelope: 'cloud-logging', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' }],
  }, {
    document: `[
  {
    "ContainerName": "hub",
    "LogMessage": "[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice (jupyterhub-idle-culler@::1) 85.12ms",
    "LogSource": "stderr",
    "PodName": "hub-7c9d5b8f4-x2k9q",
    "PodNamespace": "jhub",
    "TableName": "PrimaryResult",
    "TimeGenerated": "2025-05-14T10:22:00.601Z"
  }
]
`,
    records: [{ envelope: 'azure-monitor', text: '[I 2025-05-14 10:22:00.601 JupyterHub log:192] 204 DELETE /hub/api/users/alice (jupyterhub-idle-culler@::1) 85.12ms', t: '2025-05-14T10:22:00.601Z' }],
  }],
};
