// Where a worker thread starts: its modules first, the parsers a registry at a time (parsers/load.ts
// says why) and the reader after them, then it tells the pool it has loaded (the next worker may
// load now), then the worker's job (./worker.ts), whose imports find everything loaded.
import { parentPort } from 'node:worker_threads';
import type { WorkerMessage } from './parallel.js';

await (await import('../../parsers/load.js')).loadParsers();
await import('./read.js');
parentPort!.postMessage({ kind: 'ready' } satisfies WorkerMessage);
await import('./worker.js');
