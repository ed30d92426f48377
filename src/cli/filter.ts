// `hubsleuth filter`: prints the filter that keeps only the lines hubsleuth reads, in the query
// language of the place the logs are kept (parsers/pushdown/), so only those lines travel.
import type { Command } from 'commander';
import { pushdownAlternatives } from '../../parsers/needles.js';
import { DIALECTS, type PlaceOptions } from '../../parsers/pushdown/index.js';
import { writeOut } from './io.js';
import { usageError } from '../core/errors.js';
import { wrap } from '../report/fit.js';

interface FilterOptions {
  namespace?: string;
  container: string;
  resourceType: string;
  selector?: string;
  since?: string;
  explain?: boolean;
  [dialect: string]: unknown;
}

const flags = DIALECTS.map((d) => `--${d.id}`);
const choose = `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}`;

function parseSince(v: string | undefined): PlaceOptions['since'] {
  if (v === undefined) return undefined;
  const m = /^(\d+)\s*([smhd])$/.exec(v.trim());
  if (!m) throw usageError(`filter --since '${v}' must be a duration like 30m, 48h or 2d`);
  return { amount: Number(m[1]), unit: m[2] as 's' | 'm' | 'h' | 'd' };
}

const indent = (s: string, by: string) => s.split('\n').map((l) => by + l).join('\n');
const lines = (s: string, width = 76) => wrap(s, width).join('\n');

const HELP = `
Where the logs are, the command that runs the filter, and what to know about
quoting and limits:
${DIALECTS.map((d) => `\n${indent(lines(`--${d.id}: ${d.title}`, 78), '  ')}\n${indent(d.example, '    ')}\n${indent(lines(d.notes), '    ')}`).join('\n')}

--namespace and --container select the hub's lines where the place knows them
(Kubernetes labels or fields); --container '' drops that condition. The verdict
from the filtered lines equals the verdict from the full logs; line numbers in
the evidence then refer to the filtered stream.`;

export function registerFilter(program: Command): void {
  const cmd = program
    .command('filter')
    .description('print a filter (grep, LogQL, Cloud Logging, CloudWatch Insights, KQL, Elasticsearch) that keeps only the lines hubsleuth needs');
  for (const d of DIALECTS) cmd.option(`--${d.id}`, `print ${d.title}`);
  cmd
    .option('--namespace <ns>', "the hub's Kubernetes namespace (any when not given)")
    .option('--container <name>', "the hub's container name", 'hub')
    .option('--resource-type <type>', 'with --gcloud: the monitored-resource type', 'k8s_container')
    .option('--selector <labels>', 'with --logql: the stream selector (default: from --namespace and --container)')
    .option('--since <duration>', 'with --gcloud, --kql, --es: only lines newer than this (30m, 48h, 2d)')
    .option('--explain', 'list each alternative with the rule it serves')
    .addHelpText('after', HELP)
    .action(async (opts: FilterOptions) => {
      const picked = DIALECTS.filter((d) => opts[d.id] === true);
      if (picked.length > 1) throw usageError(`choose one of ${choose}`);
      if (opts.explain) {
        await writeOut(pushdownAlternatives().map((n) => `${n.re}\n    ${n.why.join('; ')}`).join('\n') + '\n');
        return;
      }
      const dialect = picked[0] ?? DIALECTS[0];
      const since = parseSince(opts.since);
      if (since && dialect.sinceElsewhere) throw usageError(`filter --${dialect.id} cannot carry --since: ${dialect.sinceElsewhere}`);
      const place: PlaceOptions = { namespace: opts.namespace, container: opts.container, resourceType: opts.resourceType, selector: opts.selector, since, now: Date.now() };
      await writeOut(dialect.render(place) + '\n');
    });
}
