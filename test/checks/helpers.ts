// Shared test helpers for the check commands: paths, fixtures, hashes, skipping real-server suites.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';

// Compiled to dist/test/checks/, so the repository root is three levels up.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = 'test/checks/fixtures';
export const fixture = (name: string) => join(FIXTURES, name);
/** The check commands through the built CLI, as users run them (see test/helpers/cli.ts). */
export const runCheckCli = (args: string[], env?: Record<string, string | undefined>) => runCli(args, { env });

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

