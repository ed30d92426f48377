// `hubsleuth check-db <jupyterhub.sqlite | postgresql://…>`: list the hub's users straight from its
// database (read-only) and find allowed users or admins that were deleted since the hub started.
import type { Command } from 'commander';
import { runCheckDb } from '../checks/run.js';
import { EXIT_CODES_HELP, collect, exitZeroOption, formatOption, runCheck, usageErrorsExit2 } from './check-common.js';

const HELP = `
Never writes: SQLite is read from a private copy (nothing beside the database is
created or changed, a lock does not stop it), PostgreSQL is queried inside BEGIN
READ ONLY and rolled back. Compares the users table with the allow list and
admins:
  error    allowed user / admin missing: deleted since the hub last started,
           refused until restart
  warning  user in the database but not in the allow list
Without --allowed-from/--allowed it only lists users (created, last activity).

Examples:
  $ kubectl exec -n jhub deploy/hub -- cat /srv/jupyterhub/jupyterhub.sqlite \\
      > hub.sqlite
  $ hubsleuth check-db hub.sqlite --allowed-from config.yaml
  $ hubsleuth check-db 'postgresql://reader:secret@db:5432/jupyterhub' \\
      --allowed alice,bob --format json
${EXIT_CODES_HELP}`;

export function register(program: Command): Command {
  const cmd = program
    .command('check-db')
    .description("check the hub database's users against the allow list (read-only)")
    .argument('<database>', 'a jupyterhub.sqlite file or a postgresql:// URL')
    .option('--allowed-from <values.yaml>', 'take allowed_users and admin_users from chart values (repeatable, merged like helm -f)', collect)
    .option('--allowed <names>', 'comma-separated allowed user names')
    .addOption(formatOption())
    .addOption(exitZeroOption())
    .addHelpText('after', HELP)
    .action(async (target: string, opts: { allowedFrom?: string[]; allowed?: string; format: string; exitZero?: boolean }) => {
      await runCheck('check-db', opts, () => runCheckDb(target, opts));
    });
  return usageErrorsExit2(cmd);
}
