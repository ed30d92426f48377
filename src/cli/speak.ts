// What the CLI says about its own work, apart from the report: one line on stderr after writing a
// file, and the refusal to pour a page of HTML into a terminal.
import { usageError } from '../core/errors.js';

/** `wrote incident.md: markdown, 15 incidents`: -o is otherwise silent, and a user wonders. */
export function wroteLine(path: string, format: string, incidents: number): string {
  return `wrote ${path}: ${format}, ${incidents} ${incidents === 1 ? 'incident' : 'incidents'}\n`;
}

/** HTML is for a browser: on a terminal it is 50 KB of markup nobody can read. */
export function refuseHtmlOnTerminal(format: string, output: string | undefined, stdoutIsTTY: boolean): void {
  if (format === 'html' && output === undefined && stdoutIsTTY) {
    throw usageError('--format html writes a page for a browser, not for a terminal: add -o report.html (or pipe it: … > report.html)');
  }
}
