// `hubsleuth watch`: live alerts while the incident is happening. The logic is in
// src/watch/; this file turns options into a Watcher and ends it on SIGINT/SIGTERM.
import { promises as fsp } from 'node:fs';
import type { Command } from 'commander';
import { resolveInputs } from '../ingest/sources.js';
import { displayZoneOf, durationMs, inputArgs, TZ_HELP, zoneOf } from './options.js';
import { runExit } from './exit.js';
import { note } from './io.js';
import { Watcher } from '../watch/watcher.js';
import { usageError } from '../core/errors.js';

interface WatchCliOptions {
  every: string;
  format: string;
  follow?: boolean;
  sinceStart?: boolean;
  forgetAfter: string;
  tz?: string;
  displayTz?: string;
  quiet?: boolean;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('read a live hub log and write an alert the moment a user is deleted, refused after a deletion, restored by a restart, or culled again')
    .argument('[paths...]', 'log files, directories or globs; `-` or nothing for standard input')
    .option('--format <format>', 'text (one line per alert) | ndjson (schema hubsleuth.alert/v1)', 'text')
    .option('-F, --follow', 'follow files by name like `tail -F`: keep reading as they grow, across rotation and truncation')
    .option('--since-start', 'no alerts for history before the last hub start in the backlog (for kubectl logs -f --since=…)')
    .option('--every <duration>', 'fold repeated refusals of one deleted user into one alert per window of log time (30s, 10m, 1h; 0: every refusal)', '10m')
    .option('--forget-after <days>', "forget a deleted user's state this many days (log time) after their deletion or last refusal", '14')
    .option('--tz <zone>', TZ_HELP, 'UTC')
    .option('--display-tz <zone>', 'zone the alerts show their times in: IANA name or ±HH:MM', 'UTC')
    .option('-q, --quiet', 'no notes on stderr (errors and the final summary are still printed)')
    .addHelpText('after', `
Alerts (docs/watch-alerts.md has every field):
  user-deleted           a user was deleted (culler or admin): refused at the
                         next login if the hub checks an allow list, until it
                         restarts
  denied-after-deletion  a refused login linked to that deletion (time, actor)
  hub-restarted          the hub started; the deleted users it lets back in
  recurrence             the culler deleted users again after a restart
A user's repeated refusals within --every are folded into the next alert,
which says how many it stands for (the last are written when the watch ends):
nothing is dropped.

Ends on end of input, SIGINT or SIGTERM with a one-paragraph summary on stderr,
exit 0 (2 when an input could not be read).

Examples:
  kubectl logs -f deploy/hub -n jhub --since=24h | hubsleuth watch --since-start
  hubsleuth watch --follow /var/log/jupyterhub/hub.log --format ndjson |
    ./post-to-chat.sh`)
    .action(async (paths: string[], opts: WatchCliOptions) => {
      process.exitCode = await runWatch(paths, opts);
    });
}

async function runWatch(paths: string[], opts: WatchCliOptions): Promise<number> {
  const format = opts.format === 'human' ? 'text' : opts.format;
  if (format !== 'text' && format !== 'ndjson') throw usageError(`unknown format '${opts.format}' (use text or ndjson)`);
  const days = Number(opts.forgetAfter);
  if (!(days > 0)) throw usageError(`--forget-after '${opts.forgetAfter}' is not a positive number of days`);
  const everyMs = parseEvery(opts.every);
  const zone = zoneOf(opts);
  const tz = displayZoneOf(opts);
  const args = inputArgs(paths, process.stdin.isTTY === true);
  const say = opts.quiet ? () => {} : note;
  let failed = false;
  const fail = (m: string) => {
    process.stderr.write(`hubsleuth: ${m}\n`);
    failed = true;
  };
  const watcher = new Watcher({
    format, sinceStart: opts.sinceStart === true, forgetAfterMs: days * 86_400_000, zone, tz, note: say, error: fail,
    everyMs, write: (s) => process.stdout.write(s), drained: () => drained(process.stdout),
  });
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => () => watcher.stop(sig);
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    for (const arg of args) {
      // Standard input is read as it comes; no gzip sniffing, which would wait for the first bytes.
      if (arg === '-') watcher.addStream('-', process.stdin);
      else if (opts.follow) await addFollowed(watcher, arg, fail, say);
      else await addFiles(watcher, arg, fail, say);
    }
    const summary = await watcher.run();
    process.stderr.write(summary);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    if (args.includes('-')) process.stdin.destroy();
  }
  return runExit({ errors: failed ? 1 : 0 });
}

async function addFiles(watcher: Watcher, arg: string, fail: (m: string) => void, say: (m: string) => void): Promise<void> {
  const resolved = await resolveInputs([arg]);
  for (const n of resolved.notes) say(n);
  for (const e of resolved.errors) fail(e.message);
  watcher.addInputs(resolved.inputs);
}

// Like tail -F, a plain name that does not exist yet is waited for; globs and directories are
// expanded once, at start (files that appear later under them are not picked up).
async function addFollowed(watcher: Watcher, arg: string, fail: (m: string) => void, say: (m: string) => void): Promise<void> {
  if (!/[*?[]/.test(arg)) {
    const st = await fsp.stat(arg).catch(() => null);
    // A named pipe (or a device) has no size to follow and would block the follower's open():
    // it is read as it comes, like standard input.
    if (st && !st.isFile() && !st.isDirectory()) {
      say(`${arg}: not a regular file; read as it comes, not followed by name`);
      await addFiles(watcher, arg, fail, say);
      return;
    }
    if (!st || !st.isDirectory()) {
      watcher.addFollow(arg);
      return;
    }
  }
  const resolved = await resolveInputs([arg]);
  for (const n of resolved.notes) say(n);
  for (const e of resolved.errors) fail(e.message);
  for (const input of resolved.inputs) {
    if (/\.gz$/i.test(input.name)) say(`${input.name}: not followed (compressed: a rotated archive is not written to any more)`);
    else watcher.addFollow(input.name);
  }
}

function parseEvery(v: string): number {
  if (/^\s*0+(?:\.0*)?\s*$/.test(v)) return 0;
  const ms = durationMs(v);
  if (ms === null) throw usageError(`--every '${v}' is not a duration: use 30s, 10m, 1h, or 0 for every refusal`);
  return ms;
}

/** Resolves when a stream has drained its buffer, or can take nothing more (closed, failed). */
function drained(out: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    out.on('drain', done).on('close', done).on('error', done);
  });
}
