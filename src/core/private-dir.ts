// A folder only this user can read, for the copies hubsleuth makes of what it reads (a hub's
// database, a hub pod's logs): they hold user names, addresses and sometimes tokens. It is removed
// when the caller is done and, whatever happens before that, when the process exits: an error, a
// Ctrl-C or a kill (the interrupt handler ends the run with process.exit, so exit handlers run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateDir {
  path: string;
  remove: () => void;
}

/** A new folder in the temp dir, named `<prefix>XXXXXX`, mode 0700 (mkdtemp's). */
export function privateDir(prefix: string): PrivateDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => {
    rmSync(path, { recursive: true, force: true });
    process.off('exit', remove);
  };
  process.on('exit', remove);
  return { path, remove };
}
