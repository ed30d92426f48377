// What the three check-* commands share: one-line usage errors on stderr and rendering in the
// chosen format (their exit codes, 0 clean, 1 error finding, 2 usage error, are in exit.ts).
import { Option, type Command } from 'commander';
import { renderCheck, CHECK_FORMATS, type CheckFormat } from '../checks/report.js';
import type { CheckResult } from '../core/model/checks.js';
import { checkExit, errorExit } from './exit.js';
import { scrubSecrets } from '../../parsers/secrets.js';
import { HubsleuthError } from '../core/errors.js';

export const EXIT_CODES_HELP = `
Exit codes:
  0  no error finding (warnings may be present)
  1  at least one error finding
  2  usage error: bad option, missing or unreadable input (one line on stderr)`;

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(CHECK_FORMATS).default('text');
}

export function exitZeroOption(): Option {
  return new Option('--exit-zero', 'exit 0 even when there are error findings (exit 2 still reports usage errors)');
}

/** Commander exits 1 on its own parse errors; our contract reserves 1 for findings. */
export function usageErrorsExit2(cmd: Command): Command {
  return cmd.exitOverride((err) => {
    process.exit(errorExit(err));
  });
}

/** Collect a repeatable option (`--allowed-from a.yaml --allowed-from b.yaml`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export async function runCheck(
  command: string,
  opts: { format?: string; exitZero?: boolean },
  run: () => CheckResult | Promise<CheckResult>,
): Promise<void> {
  let result: CheckResult;
  try {
    result = await run();
  } catch (e) {
    const msg = e instanceof HubsleuthError ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
    process.stderr.write(`hubsleuth ${command}: ${scrubSecrets(msg)}\n`);
    process.exitCode = errorExit(e);
    return;
  }
  process.stdout.write(renderCheck(scrubResult(result), (opts.format ?? 'text') as CheckFormat));
  process.exitCode = checkExit(result, opts.exitZero);
}

/**
 * The same scrubber as for logs, over everything a check shows: values files quote their lines
 * (a client_secret next to the allow list), databases and hubs are named by URLs.
 */
function scrubResult(r: CheckResult): CheckResult {
  return {
    ...r,
    sources: r.sources.map(scrubSecrets),
    findings: r.findings.map((f) => ({
      ...f, summary: scrubSecrets(f.summary), ...(f.fix === undefined ? {} : { fix: scrubSecrets(f.fix) }),
      evidence: f.evidence.map((ev) => ({ ...ev, source: scrubSecrets(ev.source), text: scrubSecrets(ev.text) })),
    })),
  };
}
