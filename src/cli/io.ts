// Writing to stdout without losing output, and without a stack trace when the reader goes away
// (`hubsleuth … | head -1`).

let quietPipe = false;

export function installPipeGuard(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      quietPipe = true;
      process.exit(process.exitCode ?? 0);
    }
    throw e;
  });
}

export function writeOut(text: string): Promise<void> {
  if (quietPipe) return Promise.resolve();
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** A report's pieces gathered into writes of about 64 KB: few system calls, never one big string. */
export function* batched(chunks: Iterable<string>): Generator<string> {
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length < 1 << 16) continue;
    yield buf;
    buf = '';
  }
  if (buf) yield buf;
}

/** Writes pieces to stdout with backpressure, so a big report is never one string. */
export async function writeChunks(chunks: Iterable<string>): Promise<void> {
  const out = process.stdout;
  const drained = () => new Promise<void>((r) => out.once('drain', () => r()));
  for (const buf of batched(chunks)) {
    if (quietPipe) return;
    if (!out.write(buf)) await drained();
  }
}

export function note(message: string): void {
  process.stderr.write(`hubsleuth: note: ${message}\n`);
}
