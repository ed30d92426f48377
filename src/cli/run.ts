// Wires the commands. Each command lives in its own file; this one only knows their names.
import { Command, CommanderError } from 'commander';
import { HubsleuthError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { registerAnalyze } from './analyze.js';
import { registerEvents } from './events.js';
import { registerFilter } from './filter.js';
import { register as registerCheckConfig } from './check-config.js';
import { register as registerCheckDb } from './check-db.js';
import { register as registerCheckHub } from './check-hub.js';
import { registerWatch } from './watch.js';
import { registerHelpTopics } from './help-topics.js';
import { installPipeGuard } from './io.js';
import { errorExit } from './exit.js';
import { terminalWidth } from './width.js';

/** What every program of the package has: its version, help at the terminal's width, our exit codes. */
export function newProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Commander knows a terminal's width, not COLUMNS, and takes 80 for a pipe only by default;
    // set before the commands are added, so each inherits it.
    .configureHelp({ helpWidth: terminalWidth() })
    .exitOverride();
}

function buildProgram(): Command {
  const program = newProgram('hubsleuth', 'Forensics for JupyterHub logs: links idle-culler user deletions to the refused logins (403s) that follow, and writes a root-cause report.');
  registerAnalyze(program);
  registerEvents(program);
  registerFilter(program);
  registerCheckConfig(program);
  registerCheckDb(program);
  registerCheckHub(program);
  registerWatch(program);
  registerHelpTopics(program); // last: it groups the options of every command above
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(buildProgram(), argv);
}

/** Runs a program; an error the user can fix ends as one `hubsleuth: …` line and exit 2. */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  installPipeGuard();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    process.exitCode = errorExit(e);
    // --help, --version and commander's usage errors were already printed by commander.
    if (e instanceof CommanderError) return;
    if (e instanceof HubsleuthError) process.stderr.write(`hubsleuth: ${e.message}\n`);
    else process.stderr.write(`hubsleuth: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  }
}
