// Ctrl-C or a kill during a batch run (to the process or, from a terminal, its whole process group):
// stop at once with the shell's 128+signal code, leaving no half-written output behind. A command
// with its own handler (watch ends with a summary) takes precedence, so this one then does nothing.
import { discardPendingOutputs } from './output-file.js';
import { EXIT } from './exit.js';

const CODES = { SIGINT: EXIT.SIGINT, SIGTERM: EXIT.SIGTERM } as const;

export function installInterrupts(): void {
  for (const [sig, code] of Object.entries(CODES)) {
    process.on(sig, () => {
      if (process.listenerCount(sig) > 1) return;
      discardPendingOutputs();
      process.exit(code);
    });
  }
  // Every other way out (an error, a run that ends before writing) also leaves no temporary file.
  process.on('exit', discardPendingOutputs);
}
