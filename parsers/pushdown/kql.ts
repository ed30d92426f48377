import type { Dialect, PlaceOptions } from './types.js';
import { pushdownRegex } from '../needles.js';

/** A verbatim string: no escapes, a double quote is doubled. */
const verbatim = (s: string) => `@"${s.replace(/"/g, '""')}"`;

export const kql: Dialect = {
  id: 'kql',
  title: 'a KQL query for Azure Monitor Logs (AKS, ContainerLogV2)',
  render(o: PlaceOptions) {
    const where = [
      ...(o.namespace ? [`PodNamespace == ${verbatim(o.namespace)}`] : []),
      ...(o.container ? [`ContainerName == ${verbatim(o.container)}`] : []),
    ];
    return [
      'ContainerLogV2',
      ...(o.since ? [`| where TimeGenerated > ago(${o.since.amount}${o.since.unit})`] : []),
      ...(where.length ? [`| where ${where.join(' and ')}`] : []),
      // LogMessage is dynamic: a hub line is a string in it.
      `| where tostring(LogMessage) matches regex ${verbatim(pushdownRegex())}`,
      '| project TimeGenerated, PodNamespace, PodName, ContainerName, LogSource, LogMessage',
      '| order by TimeGenerated asc',
    ].join('\n');
  },
  example: `q=$(hubsleuth filter --kql --namespace jhub --since 48h)
az monitor log-analytics query --workspace WORKSPACE_GUID \\
    --analytics-query "$q" -o json | hubsleuth`,
  notes: 'The regex is a verbatim string (@"…", RE2): nothing in it is escaped. A query returns at most 500,000 rows (about 64 MB): split the time range beyond that. Bound the time with --since here or with the --timespan of az (P2D).',
};
