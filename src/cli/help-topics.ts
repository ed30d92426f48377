// `hubsleuth help <topic>` (formats, exit-codes, incident) next to commander's `help <command>`, and the
// help polish every command shares: option groups, exit codes where a command does not list its own,
// and examples on the top-level help. Kept out of the command files so their owners need not care.
import type { Command, Option } from 'commander';
import { formatsHelp } from './help-formats.js';
import { usageError } from '../core/errors.js';

const EXIT_CODES = `Exit codes

analyze (the default command)
  0  the run completed and found no deleted user who was refused afterwards
  1  at least one incident with a refused login: a deleted user was locked out
     (--exit-zero forces 0, e.g. in a pipeline that only wants the report)
  2  usage error, or an input that could not be read or is not a log (the other
     inputs are still analysed and reported)

events
  0  every input was read (unrecognised lines are printed as kind "unparsed")
  2  usage error, or an input that could not be read or is not a log

watch
  0  ended by end of input, SIGINT or SIGTERM (the summary goes to stderr)
  2  usage error, or an input that could not be read

check-config, check-db, check-hub
  0  no error finding (warnings may be present)
  1  at least one error finding (--exit-zero forces 0)
  2  usage error: bad option, missing or unreadable input

Any command
  3  internal error (a bug: please report it with the stack trace)
  130  interrupted with Ctrl-C (watch instead ends with its summary and 0)
`;

const INCIDENT = `The incident hubsleuth was built for (zero-to-jupyterhub issue #3666)

What people see
  Users on the allow list get "403 Forbidden" at login, a few hours or days
  after they last used the hub. Admins still get in. Restarting the hub "fixes"
  it, until it happens again.

Why
  1. With cull.users: true (chart values), the idle culler does not only stop
     idle servers: it deletes the user (DELETE /hub/api/users/<name>) once they
     were inactive for cull.timeout.
  2. Deleting a user also removes the name from the hub's in-memory allow list
     (Authenticator.delete_user), and the database row is gone.
  3. At the next login the allow check fails: "User 'dana' not allowed." and a
     403 on /hub/oauth_callback (form logins: a refused POST /hub/login).
  4. A restart rebuilds the allow list from the configuration: access is back
     until the next cull.
  Side effects: KubeSpawner deletes the user's home volume (PVC) with the user.
  On JupyterHub <= 4 with OAuthenticator <= 15, once every allowed user is
  deleted the allow list is empty and ANY authenticated account gets in.

What hubsleuth looks for
  - user deletions: the hub's 204 DELETE /hub/api/users/<name> line, and by whom
    (culler service, an admin, unknown), with the culler's "Culling user …
    (inactive for …)" line;
  - refused logins of those users afterwards (403 access lines, "not allowed"
    lines, refused form logins), each linked to the deletion that caused it;
  - the culler's settings (its command line when the hub logs it, else inferred
    from its rhythm);
  - hub restarts that restored access, and the pattern coming back after one;
  - deleted home volumes, an emptied allow list, a culler refused itself.
  The verdict names the root cause (culler-deleted-users, admin-deleted-users,
  or the cause most refusals have: users-not-allowed, xsrf, oauth-state,
  permission, token, …; none, inconclusive) with a confidence, and what to
  change.

The fix
  In the chart values keep culling servers but not users:
    cull:
      users: false
  then helm upgrade. Restart the hub (or re-add the users) to let locked-out
  users back in now.
  Check it before the next incident:  hubsleuth check-config values.yaml
  Watch for it live:  kubectl logs -f deploy/hub -n jhub | hubsleuth watch
`;

export const HELP_TOPICS: Record<string, { summary: string; text: string }> = {
  formats: { summary: 'which inputs are recognised: envelopes, line shapes, versions', text: formatsHelp() },
  'exit-codes': { summary: 'what each exit code means, per command', text: EXIT_CODES },
  incident: { summary: 'the culler → 403 incident: why, what hubsleuth looks for, the fix', text: INCIDENT },
};

// Option groups by long flag: one table for every command so the same flag lands in the same group.
const OPTION_GROUPS: Array<[string, string[]]> = [
  ['Input and selection:', ['--tz', '--since', '--until', '--user', '--jobs', '--follow', '--since-start', '--forget-after', '--url', '--token-file', '--allowed-from', '--allowed']],
  ['Output:', ['--format', '--display-tz', '--output', '--only', '--no-color', '--exit-zero', '--quiet']],
  ['Redaction (for tickets and chats):', ['--redact', '--redact-map']],
];

// Commands whose own help text has no "Exit codes:" block (analyze and check-* have theirs).
const EXIT_CODES_FOR: Record<string, string> = {
  events: `
Exit codes:
  0  every input was read
  2  usage error, or an input that could not be read or is not a log`,
  watch: `
Exit codes:
  0  ended by end of input, SIGINT or SIGTERM
  2  usage error, or an input that could not be read`,
};

const PROGRAM_HELP = `
Examples:
  During an incident (pipe the hub pod's log):
    kubectl logs deploy/hub -n jhub --since=48h | hubsleuth
  A report to attach to the ticket, user names replaced:
    hubsleuth analyze hub.log --format markdown --redact -o incident.md
  A folder of archived logs (gzip read transparently):
    hubsleuth analyze /archive/hub-logs/ --format json -o report.json
  Before the next incident:
    hubsleuth check-config values.yaml

Help topics (hubsleuth help <topic>):
${Object.entries(HELP_TOPICS).map(([k, v]) => `  ${k.padEnd(12)}${v.summary}`).join('\n')}

Exit codes: 0 nothing found, 1 incidents (or error findings), 2 usage error or
unreadable input (hubsleuth help exit-codes).`;

/**
 * Replaces commander's built-in help command by one that also knows topics. `help <command>` behaves
 * as before (the command's help, exit 0); call this after every command is registered.
 */
export function registerHelpTopics(program: Command): void {
  for (const cmd of program.commands) {
    const rank = (long: string | undefined) => {
      const i = OPTION_GROUPS.findIndex(([, flags]) => long !== undefined && flags.includes(long));
      return i < 0 ? OPTION_GROUPS.length : i;
    };
    for (const opt of cmd.options) {
      const i = rank(opt.long);
      if (i < OPTION_GROUPS.length) opt.helpGroup(OPTION_GROUPS[i][0]);
    }
    // Commander shows groups in the order their first option was added; sort (stable) so input
    // options come first in every command. Parsing does not depend on this order.
    (cmd.options as Option[]).sort((a, b) => rank(a.long) - rank(b.long));
    const extra = EXIT_CODES_FOR[cmd.name()];
    if (extra) cmd.addHelpText('after', extra);
  }
  program.addHelpText('after', PROGRAM_HELP);
  program.helpCommand(false);
  program
    .command('help')
    .argument('[command or topic]', `a command, or one of: ${Object.keys(HELP_TOPICS).join(', ')}`)
    .description(`show help for a command, or a topic: ${Object.keys(HELP_TOPICS).join(', ')}`)
    .action((name: string | undefined) => {
      if (name === undefined) program.help();
      const topic = HELP_TOPICS[name];
      if (topic) {
        process.stdout.write(topic.text);
        return;
      }
      const cmd = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (cmd && cmd.name() !== 'help') cmd.help();
      const commands = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
      throw usageError(`no help for '${name}': commands are ${commands.join(', ')}; topics are ${Object.keys(HELP_TOPICS).join(', ')}`);
    });
}
