// `hubsleuth check-hub --url … --token-file …`: the same user-list check through the hub's REST
// API, meant for a cron job or a Kubernetes CronJob.
import type { Command } from 'commander';
import { DEFAULT_LIMITS, PAGE_SIZE, readToken, type FetchLimits } from '../checks/hub-api.js';
import { usageError } from '../core/errors.js';
import { runCheckHub } from '../checks/run.js';
import { EXIT_CODES_HELP, collect, exitZeroOption, formatOption, runCheck, usageErrorsExit2 } from './check-common.js';

const HELP = `
Lists users with GET <url>/users (paginated) and compares them with the allow
list and admins:
  error    allowed user / admin missing: deleted since the hub last started,
           refused until restart
  warning  user on the hub but not in the allow list

Token: --token-file FILE, else the environment variable JUPYTERHUB_API_TOKEN.
Minimal scopes (JupyterHub >= 3): list:users (names and admin flag). Add
read:users to also see created / last activity. In z2jh, e.g.:
  hub:
    services:
      # the chart generates its API token
      # (secret hub, key hub.services.hubsleuth.apiToken)
      hubsleuth: {}
    loadRoles:
      hubsleuth: { scopes: [list:users, read:users], services: [hubsleuth] }

Limits: --timeout (all pages together), --max-pages, --max-bytes and
--max-users stop a hub or proxy that answers without end, with a one-line
error (exit 2).

Examples:
  $ hubsleuth check-hub --url http://hub:8081/hub/api \\
      --token-file /etc/hubsleuth/token --allowed-from config.yaml
  $ JUPYTERHUB_API_TOKEN=… hubsleuth check-hub \\
      --url https://hub.example.org/hub/api --allowed alice,bob
  $ hubsleuth check-hub --url http://127.0.0.1:8081/hub/api --token-file t \\
      --allowed-from config.yaml --format json | jq .findings
${EXIT_CODES_HELP}`;

export function register(program: Command): Command {
  const cmd = program
    .command('check-hub')
    .description("check the live hub's user list against the allow list via the REST API")
    .requiredOption('--url <hub api url>', 'hub API URL, e.g. http://hub:8081/hub/api')
    .option('--token-file <file>', 'file holding an API token (default: $JUPYTERHUB_API_TOKEN)')
    .option('--allowed-from <values.yaml>', 'take allowed_users and admin_users from chart values (repeatable, merged like helm -f)', collect)
    .option('--allowed <names>', 'comma-separated allowed user names')
    .option('--timeout <seconds>', 'give up when the whole user list took longer than this', String(DEFAULT_LIMITS.totalMs / 1000))
    .option('--max-pages <n>', `give up after this many pages (of ${PAGE_SIZE} users)`, String(DEFAULT_LIMITS.maxPages))
    .option('--max-bytes <size>', 'give up when the answers add up to more than this (e.g. 256M, 1G)', `${DEFAULT_LIMITS.maxBytes / 1024 ** 2}M`)
    .option('--max-users <n>', 'give up when the hub lists more users than this', String(DEFAULT_LIMITS.maxUsers))
    .addOption(formatOption())
    .addOption(exitZeroOption())
    .addHelpText('after', HELP)
    .action(async (opts: CheckHubOptions) => {
      await runCheck('check-hub', opts, () => runCheckHub(opts.url, readToken(opts.tokenFile), opts, limitsOf(opts)));
    });
  return usageErrorsExit2(cmd);
}

interface CheckHubOptions {
  url: string;
  tokenFile?: string;
  allowedFrom?: string[];
  allowed?: string;
  format: string;
  exitZero?: boolean;
  timeout: string;
  maxPages: string;
  maxBytes: string;
  maxUsers: string;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function limitsOf(o: CheckHubOptions): Partial<FetchLimits> {
  const seconds = Number(o.timeout);
  if (!(seconds > 0)) throw usageError(`--timeout '${o.timeout}' is not a positive number of seconds`);
  const pages = Number(o.maxPages);
  if (!Number.isInteger(pages) || pages < 1) throw usageError(`--max-pages '${o.maxPages}' is not a whole number of pages`);
  const users = Number(o.maxUsers);
  if (!Number.isInteger(users) || users < 1) throw usageError(`--max-users '${o.maxUsers}' is not a whole number of users`);
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(o.maxBytes.trim());
  if (!m || !(Number(m[1]) > 0)) throw usageError(`--max-bytes '${o.maxBytes}' is not a size (e.g. 256M)`);
  const totalMs = seconds * 1000;
  return { totalMs, requestMs: Math.min(DEFAULT_LIMITS.requestMs, totalMs), maxPages: pages, maxUsers: users, maxBytes: Math.round(Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()]) };
}
