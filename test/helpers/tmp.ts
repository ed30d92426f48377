// Temp folders that a test file makes and is sure to remove: npm test fails when the tests leave
// anything in the temp dir (test/after/clean.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh folder under the temp dir, removed once the test file's tests are done. Call it at module level. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hubsleuth-${prefix}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
