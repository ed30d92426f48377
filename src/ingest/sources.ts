// Inputs as the user names them: files, directories (recursive), globs, and `-` for standard input.
// Problems become one-line messages naming the input; the other inputs are still read.
import { closeSync, constants, createReadStream, fstatSync, openSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { addAbortSignal, pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type HubsleuthError, inputError } from '../core/errors.js';
import { plural } from '../core/text.js';

export interface Input {
  /** The name shown in reports (`source`): the path as given, or `-`. */
  name: string;
  path: string | null;
  /** Only these bytes of a plain file [start, end): one part of a file read by several workers. */
  range?: { start: number; end: number };
  /**
   * Not a regular file (`<(kubectl logs …)`, a named pipe, a device): read once, front to back,
   * like standard input; it cannot be read at an offset or opened twice.
   */
  pipe?: boolean;
  /**
   * What the user gave that held it: the folder it was found in, the pattern it matched, or the
   * input itself. Files given together this way are one hub's log when nothing else tells.
   */
  given?: string;
}

// Extensions that are never logs: skipped inside directories (named explicitly, they are read).
const NOT_LOGS = /\.(?:png|jpe?g|gif|svg|ico|pdf|zip|tar|tgz|bz2|xz|zst|7z|db|sqlite3?|so|o|a|exe|bin|pyc|class|jar|woff2?|ttf|mp[34]|html?|css|js|ts|py|ya?ml|md|sh|toml)$/i;

export interface Resolved {
  inputs: Input[];
  errors: HubsleuthError[];
  notes: string[];
}

export async function resolveInputs(args: string[]): Promise<Resolved> {
  const out: Resolved = { inputs: [], errors: [], notes: [] };
  for (const arg of args) {
    if (arg === '-') {
      out.inputs.push({ name: '-', path: null });
      continue;
    }
    let st;
    try {
      st = await fsp.stat(arg);
    } catch (e) {
      if (isPattern(arg)) {
        const matched = await expandGlob(arg);
        if (matched.length === 0) out.errors.push(inputError(arg, 'no file matches this pattern'));
        for (const m of matched) out.inputs.push({ name: m, path: m, given: arg });
        continue;
      }
      out.errors.push(inputError(arg, describe(e)));
      continue;
    }
    if (st.isDirectory()) {
      const before = out.inputs.length;
      await walk(arg, out);
      if (out.inputs.length === before) out.errors.push(inputError(arg, 'directory holds no log files'));
    } else {
      out.inputs.push(st.isFile() ? { name: arg, path: arg } : { name: arg, path: arg, pipe: true });
    }
  }
  return out;
}

async function walk(dir: string, out: Resolved): Promise<void> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.errors.push(inputError(dir, describe(e)));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const skipped: string[] = [];
  const special: string[] = [];
  const ours: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.name.startsWith('.') || NOT_LOGS.test(e.name)) skipped.push(e.name);
    else if (e.name.endsWith('.json') && e.isFile() && (await writtenByUs(p))) ours.push(e.name);
    else if (e.isFile() || (e.isSymbolicLink() && (await linksToFile(p)))) out.inputs.push({ name: p, path: p, given: dir });
    // A device, FIFO or socket in a folder is never a log (a FIFO blocks, /dev/zero never ends):
    // read one only when it is named.
    else special.push(e.name);
  }
  if (skipped.length) out.notes.push(`${dir}: skipped ${plural(skipped.length, 'file')} that ${skipped.length === 1 ? 'is not a log' : 'are not logs'} (${list(skipped)})`);
  if (ours.length) out.notes.push(`${dir}: skipped ${plural(ours.length, 'file')} hubsleuth wrote (reports, answer keys: ${list(ours)}); name one to read it`);
  if (special.length) out.notes.push(`${dir}: skipped ${special.length} device(s), FIFO(s) or socket(s) (${list(special)}); name one to read it`);
}

/**
 * A JSON file that names a hubsleuth schema near its start: a report, check result or answer key
 * kept next to the logs it describes. Read as a log, it would be hundreds of unparsed lines.
 */
async function writtenByUs(p: string): Promise<boolean> {
  const fh = await fsp.open(p, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(512), 0, 512, 0);
    return /^\s*\{\s*"schema"\s*:\s*"hubsleuth\.[a-z0-9-]+\/v\d+"/.test(buffer.toString('utf8', 0, bytesRead));
  } finally {
    await fh.close();
  }
}

const list = (names: string[]) => `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;

/** A symlink to a regular file; a dangling one counts too, so that reading it names the problem. */
async function linksToFile(p: string): Promise<boolean> {
  const st = await fsp.stat(p).catch(() => null);
  return st === null || st.isFile();
}

// A `[` without its `]` is a character of the name (`a[b.log`), as in the shell.
const isPattern = (s: string) => /[*?]|\[[^\]/]+\]/.test(s);

/** One path segment of a glob as a regular expression; a class that is no valid one (`[z-a]`) is literal. */
function segmentRegex(seg: string): RegExp {
  const literal = (c: string) => c.replace(/[.+^${}()|\\[\]]/g, '\\$&');
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    const close = c === '[' ? seg.indexOf(']', i + 2) : -1;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (close > 0) {
      const body = seg.slice(i + 1, close).replace(/\\/g, '\\\\');
      re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
      i = close;
    } else re += literal(c);
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return new RegExp(`^${[...seg].map(literal).join('')}$`);
  }
}

/** A small glob: `*`, `?` and `[...]` within path segments, `**` across directories. */
async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split('/');
  let bases = [parts[0] === '' ? '/' : '.'];
  const start = parts[0] === '' ? 1 : 0;
  const rel = (b: string, n: string) => (b === '.' ? n : b === '/' ? '/' + n : `${b}/${n}`);
  for (let i = start; i < parts.length; i++) {
    const seg = parts[i];
    const next: string[] = [];
    if (!isPattern(seg)) {
      for (const b of bases) next.push(rel(b, seg));
    } else {
      const re = segmentRegex(seg);
      for (const b of bases) {
        try {
          for (const n of (await fsp.readdir(b)).sort()) if (re.test(n) && !n.startsWith('.')) next.push(rel(b, n));
        } catch {
          /* not a directory: no match */
        }
      }
    }
    bases = next;
  }
  const files: string[] = [];
  for (const b of bases) {
    try {
      if ((await fsp.stat(b)).isFile()) files.push(b);
    } catch {
      /* vanished */
    }
  }
  return files;
}

export function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.message === 'unexpected end of file') return 'gzip data is truncated (unexpected end of file)';
  switch (err?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ENOSPC': return 'no space left on device';
    case 'EROFS': return 'read-only file system';
    case 'Z_DATA_ERROR': case 'Z_BUF_ERROR': return `corrupt gzip data (${err.message})`;
    default:
      return err?.message ?? String(e);
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];
/** The gzip magic bytes lead `head`. */
export const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];

/** The first two bytes of a file: enough to tell gzip. */
async function fileHead(path: string): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Opens an input as a byte stream, gunzipping when its first bytes are the gzip magic. */
async function openInput(input: Input, stdin: Readable, signal?: AbortSignal): Promise<Readable> {
  let raw: Readable;
  let head: Buffer;
  if (input.path === null) {
    ({ head, body: raw } = await peek(abortable(stdin, signal), 2));
  } else if (input.pipe) {
    ({ head, body: raw } = await peek(abortable(openPipe(input.path), signal), 2));
  } else {
    head = await fileHead(input.path);
    // gunzip turns each read into ~10× as many bytes at once: small reads keep that bounded.
    raw = abortable(createReadStream(input.path, { highWaterMark: isGzip(head) ? 64 << 10 : 1 << 20 }), signal);
  }
  if (isGzip(head)) {
    return pipeline(raw, createGunzip({ chunkSize: 1 << 18 }), () => {});
  }
  return raw;
}

const abortable = (stream: Readable, signal?: AbortSignal) => (signal ? addAbortSignal(signal, stream) : stream);

/**
 * A named pipe waits in open() for a writer, on a thread that no signal reaches (and that exit
 * waits for): it is opened without blocking and read from the event loop instead, where a signal
 * ends the wait. A device is read as a stream.
 */
function openPipe(path: string): Readable {
  // (a plain descriptor: the socket owns it, where a FileHandle would close it when collected)
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  if (fstatSync(fd).isFIFO()) return new Socket({ fd, readable: true, writable: false });
  closeSync(fd);
  return createReadStream(path, { highWaterMark: 64 << 10 });
}

/**
 * An input's bytes for reading once, front to back. A plain file (or the range of it a worker
 * reads) is read into one buffer that is reused for every chunk (a stream allocates a fresh one
 * per read, and the page faults of that cost more than the reading: 0.9 s against 0.2 s per GB
 * here), so a consumer must be done with a chunk, or copy what it keeps, before it asks for the next.
 */
export async function openChunks(input: Input, stdin: Readable = process.stdin, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
  if (input.path === null || input.pipe || isGzip(await fileHead(input.path))) return openInput(input, stdin, signal);
  return fileChunks(await fsp.open(input.path, 'r'), input.range?.start ?? 0, input.range?.end ?? Infinity);
}

async function* fileChunks(fh: fsp.FileHandle, start: number, end: number): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    // Reading stops at the end of what is there: a file truncated meanwhile would end early, as if
    // complete. What it held at the start is what must be read.
    const expected = Math.min(end, (await fh.stat()).size);
    for (let pos = start; pos < end; ) {
      const want = Math.min(buf.length, end - pos);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead === 0) {
        if (pos < expected) throw new Error(`shrank while it was read (from ${expected} to ${(await fh.stat()).size} bytes): only its first ${pos} bytes were read`);
        return;
      }
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Reads at least `n` bytes (or all there is) from the front of a stream to sniff its format, and
 * returns them with a stream of the whole input. A pipe may deliver its first read in pieces of a
 * single byte, so one chunk is not enough to see the two bytes of the gzip magic.
 */
async function peek(stream: Readable, n: number): Promise<{ head: Buffer; body: Readable }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const parts: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    parts.push(b);
    size += b.length;
  }
  const head = Buffer.concat(parts);
  async function* all(): AsyncGenerator<Buffer | string> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, body: Readable.from(all(), { objectMode: false }) };
}
