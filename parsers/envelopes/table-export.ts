// A log viewer's table copied as text (CloudWatch Logs Insights, Grafana's table panel):
// `| <epoch ms> | <message> |`, the message right-padded to the column's width. The table's rules
// and header row are paste artefacts (parsers/artifacts/table.ts).
import type { Envelope } from './types.js';

const ROW = /^\| (\d{13}) \| (.*?)\s*\|\s*$/;

export const tableExport: Envelope = {
  ids: ['table'],
  title: 'log viewer tables copied as text (| epoch-ms | message |)',
  starts: '|',
  nests: true,
  unwrap(line) {
    const m = ROW.exec(line);
    return m ? { envelope: 'table', text: m[2], t: Number(m[1]) } : null;
  },
  samples: [
    { line: '| 1641302415403 | [I 2022-01-04 13:20:15.403 JupyterHub app:2717] Running JupyterHub version 2.0.0      |', envelope: 'table', text: '[I 2022-01-04 13:20:15.403 JupyterHub app:2717] Running JupyterHub version 2.0.0', t: '2022-01-04T13:20:15.403Z' },
  ],
};
