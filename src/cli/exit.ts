// Every exit code hubsleuth ends with is decided here (README "Exit codes", `hubsleuth help
// exit-codes`): scripts and cron jobs branch on them, so one table keeps the commands agreeing.
import { CommanderError } from 'commander';
import { HubsleuthError } from '../core/errors.js';
import type { CheckResult } from '../core/model/checks.js';

export const EXIT = {
  ok: 0,
  /** analyze: a deleted user was refused afterwards; check-*: an error finding. */
  findings: 1,
  /** A usage, input or output error (HubsleuthError, or commander's own parse errors). */
  error: 2,
  /** Anything else thrown: a bug. */
  internal: 3,
  /** 128 + the signal's number, as a shell reports a process the signal ended. */
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/** The end of a run that completed: inputs that failed win, then --exit-zero, then the findings. */
export function runExit(run: { errors: number; findings?: boolean; exitZero?: boolean }): number {
  if (run.errors > 0) return EXIT.error;
  return run.findings && !run.exitZero ? EXIT.findings : EXIT.ok;
}

/** check-*: an error (or critical) finding fails the check, for cron jobs and CI. */
export function checkExit(result: CheckResult, exitZero?: boolean): number {
  return runExit({ errors: 0, exitZero, findings: result.findings.some((f) => f.severity === 'error' || f.severity === 'critical') });
}

/**
 * A thrown error. Commander's exit code is its own (1 for a parse error), but 1 means findings
 * here, so its errors are usage errors; --help and --version end through it with 0.
 */
export function errorExit(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.error;
  return e instanceof HubsleuthError ? EXIT.error : EXIT.internal;
}
