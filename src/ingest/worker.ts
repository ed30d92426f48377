// A worker thread's job: read one input (or one part of it) in `needed` mode and send back its
// events and counters. The zone travels as its name: functions cannot cross threads.
import { parentPort, workerData } from 'node:worker_threads';
import type { HubEvent } from '../events.js';
import type { SourceStats } from '../../parsers/record.js';
import { makeZone } from '../../parsers/time.js';
import { readSource } from './read.js';
import type { InputError } from './sources.js';
import type { Task, TaskResult } from './parallel.js';

const task = workerData as Task;
const state: { stats?: SourceStats; error: InputError | null } = { error: null };
const events: HubEvent[] = [];
// Progress goes back to the main thread, which alone may write to the terminal.
const onChunk = (bytes: number, lines: number) => parentPort!.postMessage({ progress: { bytes, lines } });
for await (const batch of readSource(task.input, state, { zone: makeZone(task.tz), mode: 'needed', onChunk })) {
  for (const ev of batch) events.push(ev);
}
const result: TaskResult = { events, stats: state.stats ?? null, error: state.error ? state.error.message.slice(task.input.name.length + 2) : null };
parentPort!.postMessage(result);
