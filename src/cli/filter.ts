// `hubsleuth filter`: prints the filter that keeps only the lines hubsleuth reads, for logs that
// live in a cluster (Loki) or on a server (grep), so only those lines travel.
import type { Command } from 'commander';
import { pushdownAlternatives, pushdownRegex } from '../../parsers/needles.js';
import { writeOut } from './io.js';
import { usageError } from '../core/errors.js';

interface FilterOptions {
  grep?: boolean;
  logql?: boolean;
  selector: string;
  explain?: boolean;
}

export function registerFilter(program: Command): void {
  program
    .command('filter')
    .description('print a grep or LogQL filter that keeps only the lines hubsleuth needs')
    .option('--grep', 'print an extended regular expression for grep -E (the default)')
    .option('--logql', 'print a LogQL query for Loki (logcli)')
    .option('--selector <labels>', 'the LogQL stream selector', '{container="hub"}')
    .option('--explain', 'list each alternative with the rule it serves')
    .addHelpText('after', `
Examples:
  grep -hE "$(hubsleuth filter --grep)" /archive/hub-*.log | hubsleuth
  logcli query "$(hubsleuth filter --logql --selector '{namespace="jhub",container="hub"}')" \\
      --since=48h --limit=1000000 --forward --output=jsonl | hubsleuth

The verdict from the filtered lines equals the verdict from the full logs; line numbers in the
evidence then refer to the filtered stream.`)
    .action(async (opts: FilterOptions) => {
      if (opts.grep && opts.logql) throw usageError('choose one of --grep and --logql');
      if (opts.explain) {
        await writeOut(pushdownAlternatives().map((n) => `${n.re}\n    ${n.why.join('; ')}`).join('\n') + '\n');
        return;
      }
      const re = pushdownRegex();
      // Backticks make a raw LogQL string: no escaping of the regex needed.
      await writeOut((opts.logql ? `${opts.selector} |~ \`${re}\`` : re) + '\n');
    });
}
