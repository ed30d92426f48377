// `aws logs filter-log-events` and `aws logs get-log-events` (AWS CLI JSON output): the records
// are the `events` array; `nextToken`, `searchedLogStreams`, `nextForwardToken`… come beside it.
import type { DocumentExport } from '../types.js';

export const awsLogEvents: DocumentExport = {
  id: 'aws-log-events',
  title: 'aws logs filter-log-events / get-log-events (the events array)',
  path: ['events'],
  samples: [{
    document: `{
    "events": [
        {
            "logStreamName": "hub-7c9d5b8f4-x2k9q_jhub_hub-3f1c0a",
            "timestamp": 1747230002118,
            "message": "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.",
            "ingestionTime": 1747230003200,
            "eventId": "38253925419262839173466395720376402539128640519208271872"
        }
    ],
    "searchedLogStreams": [],
    "nextToken": "Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXLrmDfTF9E8-ilsJ0c"
}
`,
    records: [{ envelope: 'cloudwatch', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' }],
  }, {
    document: `{
    "events": [
        {
            "timestamp": 1747230002118,
            "message": "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.",
            "ingestionTime": 1747230003200
        }
    ],
    "nextForwardToken": "f/38253925419262839173466395720376402539128640519208271872/s",
    "nextBackwardToken": "b/38253925419262839173466395720376402539128640519208271872/s"
}
`,
    records: [{ envelope: 'cloudwatch', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' }],
  }],
};
