// Options shared by the log-reading commands, and their validation into user-facing errors.
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import { assertTimeZone, isUtc, makeZone, type Zone } from '../core/time.js';

export const TZ_HELP = 'how to read log times that carry no zone: IANA name or ±HH:MM (shown times: --display-tz)';

export interface ReadOptions {
  tz?: string;
  since?: string;
  until?: string;
  quiet?: boolean;
}

const SINCE_HELP = 'ignore records before this time: ISO 8601 (2025-07-10T12:00Z) or relative to now (48h, 30m, 2d)';

/** `since`: what --since means to a command that does not read the records itself (kubectl does). */
export function addReadOptions(cmd: Command, since = SINCE_HELP): Command {
  return cmd
    .option('--tz <zone>', TZ_HELP, 'UTC')
    .option('--since <time>', since)
    .option('--until <time>', 'ignore records after this time (same forms as --since)')
    .option('-q, --quiet', 'no progress or notes on stderr (errors are still printed)');
}

/** Where reports and alerts show their times; the logs' own zone is --tz. */
export function addDisplayZone(cmd: Command): Command {
  return cmd.option('--display-tz <zone>', 'zone the report shows its times in: IANA name or ±HH:MM', 'UTC');
}

/** The display zone, checked, or undefined for UTC. */
export function displayZoneOf(opts: { displayTz?: string }): string | undefined {
  try {
    assertTimeZone(opts.displayTz);
  } catch (e) {
    throw usageError(`--display-tz: ${(e as Error).message}`);
  }
  return isUtc(opts.displayTz) ? undefined : opts.displayTz;
}

export function zoneOf(opts: ReadOptions): Zone {
  try {
    return makeZone(opts.tz);
  } catch (e) {
    throw usageError((e as Error).message);
  }
}

const RELATIVE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A duration as options take it (`30s`, `10m`, `48h`, `2d`) in milliseconds, or null when it is none. */
export function durationMs(value: string): number | null {
  const rel = RELATIVE.exec(value.trim());
  return rel ? Number(rel[1]) * UNIT_MS[rel[2]] : null;
}

function parseTimeBound(name: string, value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const ago = durationMs(value);
  if (ago !== null) return now - ago;
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) || !/T|\d\d:\d\d/.test(value) ? value : value + 'Z';
  const t = Date.parse(withZone);
  if (!Number.isFinite(t)) throw usageError(`--${name} '${value}' is not a time: use ISO 8601 (2025-07-10T12:00:00Z) or a duration like 48h`);
  return t;
}

export interface TimeWindow {
  since?: number;
  until?: number;
}

/** `--since` and `--until` as epoch ms; a window that ends before it begins holds nothing to read. */
export function timeWindow(opts: ReadOptions, now = Date.now()): TimeWindow {
  const since = parseTimeBound('since', opts.since, now);
  const until = parseTimeBound('until', opts.until, now);
  if (since !== undefined && until !== undefined && since > until) {
    throw usageError(`--since ${new Date(since).toISOString()} is after --until ${new Date(until).toISOString()}: swap them (--since is the start of the window)`);
  }
  return { since, until };
}

/** Printed when there is nothing to read: a newcomer who typed `hubsleuth` on a terminal. */
const NO_INPUT_USAGE = `no input: pipe a hub log in, or name log files or folders
  kubectl logs deploy/hub -n jhub --since=48h | hubsleuth
  hubsleuth analyze hub.log /archive/hub-logs/ --format markdown -o incident.md
  hubsleuth --help     all commands;  hubsleuth help incident     what it looks for`;

export function inputArgs(paths: string[], stdinIsTTY: boolean): string[] {
  if (paths.length > 0) return paths;
  if (stdinIsTTY) throw usageError(NO_INPUT_USAGE);
  return ['-'];
}
