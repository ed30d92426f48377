// The one place that writes a file the user named (`-o`, `--redact-map`). A report must never cost
// the user a log or the previous report: the target is checked against every input and for
// writability before any input is read, the new content goes to a temporary file beside it, and
// only a complete file is renamed over the target. An interrupted run leaves the target as it was.
import { HubsleuthError } from '../core/errors.js';
import { closeSync, constants, fstatSync, promises as fsp, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Input } from '../ingest/sources.js';
import { describe } from '../ingest/sources.js';
import { batched, writeChunks } from './io.js';

/** A named output that cannot be written: one line naming it, exit 2. */
const outputError = (message: string): HubsleuthError => new HubsleuthError('output', message);

const failure = (path: string, e: unknown): HubsleuthError => outputError(`${path}: ${describe(e)}`);

/**
 * Temporary files not yet renamed into place: removed when the process is interrupted. A name is
 * registered before its open() is sent (fd -1 until it returns): a signal while the open is in
 * flight finds the file the kernel may already have made.
 */
const pending = new Map<string, number>();

/** Removes every temporary file still pending (synchronously: called from a signal handler). */
export function discardPendingOutputs(): void {
  for (const [path, fd] of pending) {
    try {
      if (fd >= 0) closeSync(fd);
    } catch {
      /* already closed by the writer */
    }
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}

export interface OutputFile {
  readonly path: string;
  /** Writes the whole content and puts it in place; throws an output HubsleuthError. */
  write(content: Iterable<string>): Promise<void>;
}

/** Standard output, for a command run without `-o`. */
export const STDOUT: OutputFile = {
  path: '-',
  async write(content) {
    // As for a file: a Ctrl-C that ended the input is handled before anything is written.
    await nextTurn();
    await writeChunks(content);
  },
};

const nextTurn = () => new Promise((r) => setImmediate(r));

export interface OutputSpec {
  /** The path as the user gave it; none: that output was not asked for. */
  path: string | undefined;
  /** The option it came from, to name it in errors (`-o`, `--redact-map`). */
  option: string;
  /** Fixed permissions (the pseudonym map: 0600, also when the file already exists). */
  mode?: number;
}

/**
 * Checks every named output against the inputs and opens it, before anything is read; one entry
 * per spec, null where no path was given.
 */
export async function prepareOutputs(specs: OutputSpec[], inputs: Input[]): Promise<(OutputFile | null)[]> {
  const identities = await inputIdentities(inputs);
  const outs: (OutputFile | null)[] = [];
  const seen = new Map<string, string>();
  try {
    for (const { path, ...spec } of specs) {
      if (path === undefined) {
        outs.push(null);
        continue;
      }
      const out = await prepareOne({ path, ...spec }, identities);
      const key = out.identity;
      const other = seen.get(key);
      if (other !== undefined) throw outputError(`${spec.option} ${path}: is also the file of ${other}; give each its own file`);
      seen.set(key, spec.option);
      outs.push(out);
    }
  } catch (e) {
    discardPendingOutputs();
    throw e;
  }
  return outs;
}

interface Identity {
  name: string;
  real: string;
  dev: number;
  ino: number;
}

async function inputIdentities(inputs: Input[]): Promise<Identity[]> {
  const ids: Identity[] = [];
  for (const input of inputs) {
    let st: Stats;
    let real: string;
    try {
      if (input.path === null) {
        // Standard input redirected from a file (`< hub.log`) is that file.
        st = fstatSync(0);
        if (!st.isFile()) continue;
        real = '';
      } else {
        st = await fsp.stat(input.path);
        real = await fsp.realpath(input.path);
      }
    } catch {
      continue; // unreadable inputs are reported by the reader; they cannot be overwritten by us either
    }
    ids.push({ name: input.name, real, dev: st.dev, ino: st.ino });
  }
  return ids;
}

async function prepareOne(spec: OutputSpec & { path: string }, inputs: Identity[]): Promise<OutputFile & { identity: string }> {
  const fail = (e: unknown): never => {
    throw failure(spec.path, e);
  };
  const st = await fsp.stat(spec.path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : fail(e)));
  // A symlink is kept: its target is replaced, beside which the temporary file is made.
  const real = st ? await fsp.realpath(spec.path).catch(fail) : spec.path;
  if (st) {
    const hit = inputs.find((i) => (i.dev === st.dev && i.ino === st.ino) || (i.real !== '' && i.real === real));
    if (hit) throw outputError(`${spec.option} ${spec.path}: is the input ${hit.name}; refusing to overwrite it (write the output to another file)`);
    if (st.isDirectory()) fail(Object.assign(new Error(), { code: 'EISDIR' }));
    if (!st.isFile()) return direct(spec, `${st.dev}:${st.ino}`);
    await fsp.access(spec.path, constants.W_OK).catch(fail);
  }
  const tmp = join(dirname(real), `.${basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.set(tmp, -1);
  const fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, spec.mode ?? 0o666).catch((e: unknown) => {
    pending.delete(tmp);
    return fail(e);
  });
  pending.set(tmp, fh.fd);
  // The new file keeps the permissions of the one it replaces; the map's are fixed.
  const mode = spec.mode ?? (st ? st.mode & 0o7777 : undefined);
  if (mode !== undefined) await fh.chmod(mode).catch(fail);
  const identity = st ? `${st.dev}:${st.ino}` : `new:${real}`;
  return {
    path: spec.path,
    identity,
    async write(content) {
      try {
        await writeAll(fh, content);
        await fh.close();
        // A signal that came during the write is handled in this turn, before the rename.
        await nextTurn();
        if (!pending.has(tmp)) return;
        await fsp.rename(tmp, real);
        pending.delete(tmp);
      } catch (e) {
        discardPendingOutputs();
        fail(e);
      }
    },
  };
}

/** A device or pipe (`/dev/stdout`, a FIFO) is written in place: there is nothing to rename over. */
function direct(spec: OutputSpec & { path: string }, identity: string): OutputFile & { identity: string } {
  return {
    path: spec.path,
    identity,
    async write(content) {
      try {
        const fh = await fsp.open(spec.path, 'w');
        try {
          await writeAll(fh, content);
        } finally {
          await fh.close();
        }
      } catch (e) {
        throw failure(spec.path, e);
      }
    },
  };
}

async function writeAll(fh: fsp.FileHandle, content: Iterable<string>): Promise<void> {
  for (const buf of batched(content)) await fh.writeFile(buf);
}
