// `hubsleuth check-config values.yaml [more.yaml…]`: find risky culler / auth / database settings
// in z2jh chart values before they cause the next incident.
import type { Command } from 'commander';
import { runCheckConfig } from '../checks/run.js';
import { EXIT_CODES_HELP, exitZeroOption, formatOption, runCheck, usageErrorsExit2 } from './check-common.js';

const HELP = `
Reads zero-to-jupyterhub chart values (both the hub.config form and the old
auth: form of chart <= 0.10) merged in order like 'helm -f', applies the chart
defaults (cull.enabled true, users false, timeout 3600, every 600, adminUsers
true, maxAge 0) and reports, with file and line:
  error    cull.users: true together with an allow list (allowed users are
           refused after a cull)
  error    hub.db.type: sqlite-memory (user records lost at every restart)
  warning  admins culled too, cull.timeout shorter than cull.every,
           cull.maxAge > 0

Examples:
  $ hubsleuth check-config config.yaml
  $ hubsleuth check-config values.yaml secrets.yaml --format markdown \\
      >> ticket.md
  $ helm get values jhub -n jhub -o yaml > live.yaml
  $ hubsleuth check-config live.yaml --format json
${EXIT_CODES_HELP}`;

export function register(program: Command): Command {
  const cmd = program
    .command('check-config')
    .description('check z2jh chart values for settings that delete or lock out users')
    .argument('<values...>', 'values files, later ones override earlier ones (like helm -f)')
    .addOption(formatOption())
    .addOption(exitZeroOption())
    .addHelpText('after', HELP)
    .action(async (files: string[], opts: { format: string; exitZero?: boolean }) => {
      await runCheck('check-config', opts, () => runCheckConfig(files));
    });
  return usageErrorsExit2(cmd);
}
