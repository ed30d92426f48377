// The one error type for what the person running hubsleuth can fix: a bad option (usage), an input
// that cannot be read or is not what the command reads (input), a report that cannot be written
// (output). Anything else thrown is a bug. src/cli/exit.ts turns either into the exit code.

export type ErrorKind = 'usage' | 'input' | 'output';

export class HubsleuthError extends Error {
  override name = 'HubsleuthError';

  /** What is wrong, without the input's name (the report's inputs table names it in its own column). */
  readonly reason: string;

  /** `input`, when given, is the input as the person named it; the message then starts with it. */
  constructor(readonly kind: ErrorKind, message: string, readonly input?: string) {
    super(input === undefined ? message : `${input}: ${message}`);
    this.reason = message;
  }
}

export const usageError = (message: string): HubsleuthError => new HubsleuthError('usage', message);

export const inputError = (input: string, message: string): HubsleuthError => new HubsleuthError('input', message, input);
