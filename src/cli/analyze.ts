// `hubsleuth analyze`: the incident job. Reads logs, correlates, writes the report. `kubectl
// hubsleuth` gets its inputs from kubectl and hands them to the same report path.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { analyze } from '../source/pipeline.js';
import { resolveInputs, type Input, type Resolved } from '../ingest/sources.js';
import { worthWorkers } from '../ingest/parallel.js';
import { REPORTERS, type ReportFormat } from '../report/index.js';
import { addDisplayZone, addReadOptions, displayZoneOf, inputArgs, timeWindow, zoneOf, type ReadOptions } from './options.js';
import type { Zone } from '../core/time.js';
import { EXIT, runExit } from './exit.js';
import { note } from './io.js';
import { prepareOutputs, STDOUT } from './output-file.js';
import { jsonChunks } from '../report/json.js';
import { Progress } from './progress.js';
import { Redactor, redactReport } from '../redact/index.js';
import { misplacedInputs } from '../ingest/sniff.js';
import { withInputProblems } from '../correlate/report.js';
import { whyNoReport } from './no-report.js';
import { usageError } from '../core/errors.js';
import { refuseHtmlOnTerminal, wroteLine } from './speak.js';
import { terminalWidth } from './width.js';

export interface AnalyzeOptions extends ReadOptions {
  displayTz?: string;
  format: string;
  output?: string;
  user?: string;
  exitZero?: boolean;
  color?: boolean;
  redact?: boolean;
  redactMap?: string;
  jobs?: string;
  wide?: boolean;
}

const ANALYZE_EXAMPLES = `
Examples:
  During an incident (pipe the hub pod's log):
    kubectl logs deploy/hub -n jhub --since=48h | hubsleuth
  Or let it read every hub pod, and the container before the last restart:
    kubectl hubsleuth -n jhub --since 48h --previous
  A report to attach to the ticket:
    hubsleuth analyze hub.log --format markdown -o incident.md
  A folder of archived logs (gzip read transparently):
    hubsleuth analyze /archive/hub-logs/ --format json -o report.json

Exit codes:
  0  no incident with refused logins found
  1  at least one deleted user was refused afterwards (--exit-zero forces 0)
  2  usage error; unreadable input (the others are still analysed and the
     report names it); or nothing to report: no JupyterHub record read, or
     none in the --since/--until window`;

export function registerAnalyze(program: Command): void {
  const cmd = program
    .command('analyze', { isDefault: true })
    .description('link culler/admin user deletions to later refused logins and write a root-cause report (default command)')
    .argument('[paths...]', 'log files, directories or globs; `-` or nothing for standard input');
  addReportOptions(cmd);
  addReadOptions(cmd);
  addDisplayZone(cmd);
  cmd.addHelpText('after', ANALYZE_EXAMPLES);
  cmd.action(async (paths: string[], opts: AnalyzeOptions) => {
    const settings = reportSettings(opts);
    const resolved = await resolveInputs(inputArgs(paths, process.stdin.isTTY === true));
    process.exitCode = await reportOn(resolved, paths, opts, settings);
  });
}

/** What analyze writes and how: the options every command that ends in its report takes. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('-f, --format <format>', 'text | markdown | json | html', 'text')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-u, --user <name>', "this user's story (logins, spawns, stops, deletion, refusals), and only their incidents and refused requests")
    .option('--exit-zero', 'exit 0 even when incidents are found')
    .option('--wide', 'text: one line per table row and paragraph, whatever the terminal width')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .option('-j, --jobs <n>', 'worker threads for file inputs (default: 2 when the machine has two cores and a file is 32 MB or more, else 1: read on the main thread)')
    .option('--redact', 'replace user names, IP addresses and pod names by consistent pseudonyms (routes, status codes and times kept)')
    .option('--redact-map <file>', 'with --redact (implied): write the pseudonym → original mapping as JSON to this file');
}

async function parseJobs(v: string | undefined, inputs: readonly Input[]): Promise<number> {
  // Two workers are never slower than one thread on a big file (npm run bench) and small files
  // gain nothing; more than two was never measured, so the default stops there.
  if (v === undefined) return availableParallelism() >= 2 && (await worthWorkers(inputs)) ? 2 : 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw usageError(`--jobs '${v}' must be a whole number from 1 to 64`);
  return n;
}

export interface ReportSettings {
  format: ReportFormat;
  zone: Zone;
  displayTz: string | undefined;
  since?: number;
  until?: number;
}

/** The options checked before anything is read: a mistyped one fails at once. */
export function reportSettings(opts: AnalyzeOptions): ReportSettings {
  if (!(opts.format in REPORTERS)) throw usageError(`unknown format '${opts.format}' (use text, markdown, json or html)`);
  const format = opts.format as ReportFormat;
  refuseHtmlOnTerminal(format, opts.output, process.stdout.isTTY === true);
  // zoneOf rejects an unknown zone, so the reporters can show times in it.
  return { format, zone: zoneOf(opts), displayTz: displayZoneOf(opts), ...timeWindow(opts) };
}

/** Reads the inputs, correlates and writes the report; `named` are the paths the user typed. */
export async function reportOn(resolved: Resolved, named: string[], opts: AnalyzeOptions, settings: ReportSettings): Promise<number> {
  const { format, zone, displayTz, since, until } = settings;
  const progress = Progress.forTerminal(opts.quiet);
  if (!opts.quiet) for (const n of resolved.notes) note(n);
  const [toFile, toMap] = await prepareOutputs([{ path: opts.output, option: '-o' }, { path: opts.redactMap, option: '--redact-map', mode: 0o600 }], resolved.inputs);
  const { report: analysed, run, records } = await analyze(resolved.inputs, { zone, tz: opts.tz, since, until, user: opts.user, jobs: await parseJobs(opts.jobs, resolved.inputs), onChunk: progress?.update });
  progress?.done();
  // An input where nothing parsed may be values.yaml, a database, a report: name the right command.
  const misplaced = await misplacedInputs(analysed.inputs, resolved.inputs, named);
  const errors = [...resolved.errors, ...run.errors, ...misplaced];
  const printErrors = () => {
    for (const e of errors) process.stderr.write(`hubsleuth: ${e.message}\n`);
  };
  // Every error here names its input; the report's inputs table says which were not read, and why.
  const problems = errors.filter((e): e is typeof e & { input: string } => e.input !== undefined);
  const real = withInputProblems(analysed, problems);
  const why = whyNoReport(real, { since, until, records }, new Set(problems.map((e) => e.input)));
  if (why !== null) {
    printErrors();
    if (why) process.stderr.write(`hubsleuth: ${why}\n`);
    return EXIT.error;
  }
  // Redaction works on the finished report, so verdict and counts are those of the real data.
  const redactor = opts.redact || opts.redactMap ? new Redactor() : null;
  const report = redactor ? redactReport(real, redactor) : real;
  if (redactor && toMap) await toMap.write([JSON.stringify(redactor.map(), null, 2) + '\n']);
  const color = format === 'text' && opts.output === undefined && opts.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true;
  const out = toFile ?? STDOUT;
  if (format === 'json') await out.write(jsonChunks(report));
  else await out.write([REPORTERS[format](report, { color, tz: displayTz, width: opts.wide ? undefined : terminalWidth() })]);
  if (toFile && opts.output && !opts.quiet) process.stderr.write(wroteLine(opts.output, format, report.incidents.length));
  printErrors();
  return runExit({ errors: errors.length, exitZero: opts.exitZero, findings: report.incidents.some((i) => i.denials > 0) });
}
