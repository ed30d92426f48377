import type { Dialect, PlaceOptions } from './types.js';
import { quoted } from './types.js';
import { pushdownRegex } from '../needles.js';

function selector(o: PlaceOptions): string {
  if (o.selector) return o.selector;
  const labels = [...(o.namespace ? [`namespace=${quoted(o.namespace)}`] : []), ...(o.container ? [`container=${quoted(o.container)}`] : [])];
  return `{${labels.join(',')}}`;
}

export const logql: Dialect = {
  id: 'logql',
  title: 'a LogQL query for Grafana Loki (logcli)',
  render(o) {
    const re = pushdownRegex();
    // A backtick string is raw: the regex goes in as it is, unless it holds a backtick itself.
    return `${selector(o)} |~ ${re.includes('`') ? quoted(re) : `\`${re}\``}`;
  },
  example: `logcli query "$(hubsleuth filter --logql --namespace jhub)" \\
    --since=48h --limit=1000000 --forward --output=jsonl | hubsleuth`,
  notes: 'The regex is in a backtick (raw) string: no escaping. logcli returns 30 lines unless --limit says more; --forward gives them oldest first. --selector replaces the {namespace, container} selector when the collector names its labels otherwise.',
  sinceElsewhere: 'give the time range to logcli: logcli query … --since=48h',
};
