import type { Dialect, PlaceOptions } from './types.js';
import { quoted } from './types.js';
import { pushdownRegex } from '../needles.js';

export const cloudwatch: Dialect = {
  id: 'cloudwatch',
  title: 'a CloudWatch Logs Insights query (EKS, Container Insights / Fluent Bit)',
  render(o: PlaceOptions) {
    const where = [
      ...(o.namespace ? [`kubernetes.namespace_name = ${quoted(o.namespace)}`] : []),
      ...(o.container ? [`kubernetes.container_name = ${quoted(o.container)}`] : []),
    ];
    // @message is the whole event; with Container Insights that is the Fluent Bit record as JSON,
    // in which the needles' characters appear unescaped.
    return [
      'fields @timestamp, @message, @logStream',
      ...(where.length ? [`| filter ${where.join(' and ')}`] : []),
      `| filter @message like /${pushdownRegex().replace(/\//g, '\\/')}/`,
      '| sort @timestamp asc',
      '| limit 10000',
    ].join('\n');
  },
  example: `q=$(hubsleuth filter --cloudwatch --namespace jhub)
id=$(aws logs start-query \\
    --log-group-name /aws/containerinsights/CLUSTER/application \\
    --start-time $(date -d '48 hours ago' +%s) --end-time $(date +%s) \\
    --query-string "$q" --output text --query queryId)
sleep 30; aws logs get-query-results --query-id "$id" | hubsleuth`,
  notes: 'Inside /…/ every / of the regex is written \\/. A query returns at most 10,000 rows: when get-query-results has 10,000, split the time range. get-query-results answers "Running" and partial rows until the query is done: wait for "Complete".',
  sinceElsewhere: 'give the time range to aws logs start-query (--start-time, --end-time)',
};
