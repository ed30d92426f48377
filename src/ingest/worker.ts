// A worker thread's job: read one input (or one part of it), parse it as the main thread would
// (noise counted, not turned into events), and send the events over in the compact wire form
// (wire.ts) in transferred buffers. The zone travels as its name.
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceStats } from '../../parsers/record.js';
import { makeZone } from '../../parsers/time.js';
import { readSource } from './read.js';
import type { InputError } from './sources.js';
import type { Task, WorkerMessage } from './parallel.js';
import { WireEncoder } from './wire.js';

const task = workerData as Task;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

const encoder = new WireEncoder();
// Big enough that messages stay few (each costs the main thread a wake-up), small enough that
// the main thread can start on them early.
const SEND_BYTES = 64 << 10;

function send(): void {
  if (encoder.count === 0) return;
  const batch = encoder.take();
  post({ kind: 'events', batch }, [batch.tags.buffer as ArrayBuffer, batch.nums.buffer as ArrayBuffer, batch.text.buffer as ArrayBuffer]);
  unacked++;
}

const state: { stats?: SourceStats; error: InputError | null } = { error: null };
let lastProgress = 0;
let bytesSinceProgress = 0;
const onChunk = (bytes: number, lines: number) => {
  bytesSinceProgress += bytes;
  const now = Date.now();
  if (now - lastProgress < 100) return;
  lastProgress = now;
  post({ kind: 'progress', bytes: bytesSinceProgress, lines });
  bytesSinceProgress = 0;
};
// The main thread acknowledges each message of events it has decoded; a worker that is too far
// ahead waits, so memory stays bounded when the main thread is the slower side.
const MAX_UNACKED = 32;
let unacked = 0;
let resume: (() => void) | null = null;
const onAck = () => {
  unacked--;
  resume?.();
};
parentPort!.on('message', onAck);
for await (const batch of readSource(task.input, state, { zone: makeZone(task.tz), mode: 'needed', onChunk })) {
  for (const ev of batch) encoder.add(ev);
  if (encoder.size < SEND_BYTES) continue;
  send();
  while (unacked > MAX_UNACKED) await new Promise<void>((r) => (resume = r));
  resume = null;
}
send();
if (bytesSinceProgress > 0) post({ kind: 'progress', bytes: bytesSinceProgress, lines: state.stats?.lines ?? 0 });
post({
  kind: 'done', stats: state.stats ?? null, totalLines: state.stats?.lines ?? 0,
  error: state.error ? state.error.message.slice(task.input.name.length + 2) : null,
});
// Without its listener the port no longer keeps this thread alive: the worker ends.
parentPort!.off('message', onAck);
