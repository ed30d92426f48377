// The hub's logs fetched with kubectl into a private folder, as inputs for analyze: files can be
// read twice (to tell hubs apart) and by worker threads, which a pipe cannot.
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { HubsleuthError } from '../../core/errors.js';
import { privateDir } from '../../core/private-dir.js';
import type { Input } from '../../ingest/sources.js';
import { kubectl } from './run.js';
import { hubLogs, type HubLog } from './pods.js';

export interface Target {
  namespace?: string;
  context?: string;
  selector: string;
  previous: boolean;
  /** kubectl's own window (`--since=172800s`, `--since-time=…`), or none. */
  since: string[];
}

export interface FetchedLogs {
  inputs: Input[];
  notes: string[];
  /** Removes the folder; also done when the process exits another way. */
  remove(): void;
}

/** Where kubectl looks, as its own flags. */
function scope(t: Target): string[] {
  return [...(t.context ? ['--context', t.context] : []), ...(t.namespace ? ['-n', t.namespace] : [])];
}

const where = (t: Target) => (t.namespace ? `namespace ${t.namespace}` : 'the current namespace') + (t.context ? ` of context ${t.context}` : '');

/** `pod/hub-5b7c…/hub (previous)`: the report's name for one container's log. */
const inputName = (l: HubLog) => `pod/${l.pod}/${l.container}${l.previous ? ' (previous)' : ''}`;

export async function fetchHubLogs(t: Target): Promise<FetchedLogs> {
  const list = await kubectl(`kubectl get pods -l ${t.selector}`, ['get', 'pods', '-l', t.selector, '-o', 'json', ...scope(t)]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(list);
  } catch {
    throw new HubsleuthError('input', `kubectl get pods -l ${t.selector} printed no pod list (is kubectl itself wrapped?)`);
  }
  const found = hubLogs(parsed, t.previous);
  if (found.pods === 0) throw new HubsleuthError('input', `no hub pod in ${where(t)} matches -l ${t.selector} (name the hub's namespace with -n, its labels with -l)`);
  if (found.logs.length === 0) throw new HubsleuthError('input', `no hub pod in ${where(t)} has a log yet: ${found.notes.join('; ')}`);
  const { path: dir, remove } = privateDir('kubectl-hubsleuth-');
  try {
    const inputs: Input[] = [];
    for (const [i, l] of found.logs.entries()) {
      const path = join(dir, `${i}.log`);
      // The hub's log holds user names, addresses and sometimes tokens: readable by the user only.
      const fd = openSync(path, 'wx', 0o600);
      try {
        const args = ['logs', l.pod, '-c', l.container, ...(l.previous ? ['--previous'] : []), ...t.since, ...scope(t)];
        await kubectl(`kubectl logs ${l.pod} -c ${l.container}${l.previous ? ' --previous' : ''}`, args, fd);
      } finally {
        closeSync(fd);
      }
      inputs.push({ name: inputName(l), path });
    }
    return { inputs, notes: found.notes, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
