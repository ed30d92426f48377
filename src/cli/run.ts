// Wires the commands. Each command lives in its own file; this one only knows their names.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../core/version.js';
import { registerAnalyze } from './analyze.js';
import { registerEvents } from './events.js';
import { registerFilter } from './filter.js';
import { register as registerCheckConfig } from './check-config.js';
import { register as registerCheckDb } from './check-db.js';
import { register as registerCheckHub } from './check-hub.js';
import { registerWatch } from './watch.js';
import { UsageError } from './options.js';
import { registerHelpTopics } from './help-topics.js';
import { installPipeGuard } from './io.js';
import { installInterrupts } from './interrupt.js';
import { OutputError } from './output-file.js';

function buildProgram(): Command {
  const program = new Command('hubsleuth')
    .description('Forensics for JupyterHub logs: links idle-culler user deletions to the refused logins (403s) that follow, and writes a root-cause report.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
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
  installPipeGuard();
  installInterrupts();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof UsageError || e instanceof OutputError) {
      process.stderr.write(`hubsleuth: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`hubsleuth: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 3;
  }
}
