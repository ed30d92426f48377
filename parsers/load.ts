// Node's module loader opens every module of one wave of imports at once, each holding a file
// descriptor; under a low open-file limit (`ulimit -n 64` on some batch and CI hosts) the parsers
// in one wave run out of them before a line is read. Each registry is loaded as a wave of its own,
// by every entry point: the CLI (src/cli/load.ts) and each worker thread (src/ingest/worker-entry.ts).
export async function loadParsers(): Promise<void> {
  await import('./envelopes/index.js');
  await import('./shapes/index.js');
  await import('./messages/index.js');
}
