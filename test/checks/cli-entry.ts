// Stand-in for src/cli/main.ts so the check commands can be run as a child process before (and
// independently of) the lead wiring register() into main.ts. Inert unless HUBSLEUTH_CHECK_CLI=1,
// because `node --test dist/test/` also executes every helper file under test/.
import { Command } from 'commander';
import { register as registerConfig } from '../../src/cli/check-config.js';
import { register as registerDb } from '../../src/cli/check-db.js';
import { register as registerHub } from '../../src/cli/check-hub.js';

if (process.env.HUBSLEUTH_CHECK_CLI === '1') {
  const program = new Command('hubsleuth');
  registerConfig(program);
  registerDb(program);
  registerHub(program);
  await program.parseAsync(process.argv);
}
