// A worker thread's job: read one input (or one part of it) and drop its noise by bytes, forwarding
// every other line, as bytes, to the main thread, which parses them in order. Lines travel in
// transferred buffers (no copy, no per-event cloning); the zone travels as its name.
import { parentPort, workerData } from 'node:worker_threads';
import { makeZone } from '../core/time.js';
import { readSource } from './read.js';
import type { Task, WorkerMessage } from './parallel.js';
import type { SourceStats } from '../core/model/inputs.js';
import type { HubsleuthError } from '../core/errors.js';

const task = workerData as Task;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

let data = Buffer.allocUnsafe(1 << 20);
let used = 0;
let index: number[] = [];
let forwarded = 0;

function forward(b: Buffer, s: number, e: number, lineNo: number): void {
  const n = e - s;
  if (used + n > data.length) {
    flush();
    if (n > data.length) data = Buffer.allocUnsafe(n);
  }
  b.copy(data, used, s, e);
  index.push(lineNo, used, used + n);
  used += n;
  forwarded++;
}

function flush(): void {
  if (index.length === 0) return;
  // Own ArrayBuffers (not Node's shared pool): they are transferred, which detaches them here.
  const lines = new Uint8Array(used);
  lines.set(data.subarray(0, used));
  const idx = new Uint32Array(index);
  post({ kind: 'lines', data: lines, index: idx }, [lines.buffer, idx.buffer]);
  unacked++;
  used = 0;
  index = [];
}

const state: { stats?: SourceStats; error: HubsleuthError | null } = { error: null };
// Noise lines are counted by the parser here, forwarded ones by the main thread.
const onChunk = (bytes: number, noiseLines: number) => {
  flush();
  post({ kind: 'progress', bytes, lines: noiseLines + forwarded });
};
// The main thread acknowledges each message of lines it has parsed; a worker that is too far ahead
// waits, so memory stays bounded when parsing is the slower side.
const MAX_UNACKED = 16;
let unacked = 0;
let resume: (() => void) | null = null;
const onAck = () => {
  unacked--;
  resume?.();
};
parentPort!.on('message', onAck);
for await (const batch of readSource(task.input, state, { zone: makeZone(task.tz), mode: 'needed', forward, onChunk })) {
  void batch; // forwarding mode parses nothing here
  while (unacked > MAX_UNACKED) await new Promise<void>((r) => (resume = r));
  resume = null;
}
flush();
post({
  kind: 'done', stats: state.stats ?? null, totalLines: (state.stats?.lines ?? 0) + forwarded,
  error: state.error ? state.error.message.slice(task.input.name.length + 2) : null,
});
// Without its listener the port no longer keeps this thread alive: the worker ends.
parentPort!.off('message', onAck);
