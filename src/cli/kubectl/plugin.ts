// `kubectl hubsleuth`: the hub's logs read with the user's kubectl (every hub pod the selector
// matches, and with --previous the containers before their last restart), then analyze's report.
import type { Command } from 'commander';
import { addReportOptions, reportOn, reportSettings, type AnalyzeOptions } from '../analyze.js';
import { addDisplayZone, addReadOptions, durationMs, timeWindow } from '../options.js';
import { newProgram, runProgram } from '../run.js';
import { fetchHubLogs } from './logs.js';
import { HUB_SELECTOR } from './pods.js';

interface PluginOptions extends AnalyzeOptions {
  namespace?: string;
  context?: string;
  selector: string;
  previous?: boolean;
}

const EXAMPLES = `
Examples:
  The last two days of the hub, before and after its last restart:
    kubectl hubsleuth -n jhub --since 48h --previous
  A report to attach to the ticket:
    kubectl hubsleuth -n jhub --format markdown -o incident.md

It runs \`kubectl get pods\` and \`kubectl logs\` with your kubeconfig; the report
and the exit codes are those of \`hubsleuth analyze\` (hubsleuth help exit-codes).`;

/** --since as kubectl takes it: whole seconds for a duration (kubectl knows no days), else a time. */
function kubectlSince(since: string | undefined): string[] {
  if (since === undefined) return [];
  const ms = durationMs(since);
  if (ms !== null) return [`--since=${Math.max(1, Math.ceil(ms / 1000))}s`];
  return [`--since-time=${new Date(timeWindow({ since }).since!).toISOString()}`];
}

function pluginProgram(): Command {
  const program = newProgram('kubectl hubsleuth', 'Reads the JupyterHub hub pod\'s logs with your kubectl and writes the root-cause report of `hubsleuth analyze`.')
    .option('-n, --namespace <namespace>', 'the hub\'s namespace (default: the context\'s)')
    .option('--context <name>', 'the kubeconfig context to use (default: the current one)')
    .option('-l, --selector <labels>', 'labels of the hub pods, as kubectl -l takes them', HUB_SELECTOR)
    .option('--previous', 'also read each hub container that ran before its last restart, merged by time');
  addReportOptions(program);
  addReadOptions(program, 'kubectl reads the log from this time: a duration (48h, 30m, 2d) or ISO 8601');
  addDisplayZone(program);
  program.addHelpText('after', EXAMPLES);
  program.action(async (opts: PluginOptions) => {
    // kubectl cuts the window; the records are then read like `kubectl logs … | hubsleuth`.
    const since = kubectlSince(opts.since);
    const settings = reportSettings({ ...opts, since: undefined });
    const logs = await fetchHubLogs({ namespace: opts.namespace, context: opts.context, selector: opts.selector, previous: opts.previous === true, since });
    try {
      process.exitCode = await reportOn({ inputs: logs.inputs, errors: [], notes: logs.notes }, [], opts, settings);
    } finally {
      logs.remove();
    }
  });
  return program;
}

export async function pluginMain(argv: string[]): Promise<void> {
  await runProgram(pluginProgram(), argv);
}
