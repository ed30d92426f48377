// One JSON object per record: docker json-file, GKE Cloud Logging LogEntry, Loki `logcli --output=jsonl`,
// Fluent Bit / Elasticsearch documents. Told apart by their keys, not by file name.
import type { Unwrapped } from './types.js';

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

function time(...candidates: unknown[]): number {
  for (const c of candidates) {
    if (typeof c === 'string') {
      const t = Date.parse(c);
      if (Number.isFinite(t)) return t;
    } else if (typeof c === 'number' && Number.isFinite(c)) {
      return c > 1e14 ? c / 1e6 : c > 1e11 ? c : c * 1000; // ns, ms or s since the epoch
    }
  }
  return NaN;
}

/** Strips the one trailing newline the writer put at the end of a complete line. */
function body(s: string): { text: string; complete: boolean } {
  if (s.endsWith('\r\n')) return { text: s.slice(0, -2), complete: true };
  if (s.endsWith('\n')) return { text: s.slice(0, -1), complete: true };
  return { text: s, complete: false };
}

export function unwrapJsonObject(o: Obj): Unwrapped | null {
  const resource = obj(o.resource);
  if (typeof o.textPayload === 'string' || (resource && typeof o.logName === 'string')) {
    const labels = obj(resource?.labels) ?? {};
    const logName = str(o.logName) ?? '';
    return {
      envelope: 'cloud-logging', text: body(str(o.textPayload) ?? '').text, t: time(o.timestamp, o.receiveTimestamp),
      pod: str(labels.pod_name), container: str(labels.container_name),
      stream: logName.endsWith('/stdout') ? 'stdout' : logName.endsWith('/stderr') ? 'stderr' : undefined,
    };
  }
  if (typeof o.line === 'string' && ('timestamp' in o || 'labels' in o)) {
    const labels = obj(o.labels) ?? {};
    return {
      envelope: 'loki', text: body(o.line).text, t: time(o.timestamp),
      pod: str(labels.pod) ?? str(labels.pod_name) ?? str(labels.k8s_pod_name),
      container: str(labels.container) ?? str(labels.container_name) ?? str(labels.k8s_container_name),
      stream: str(labels.stream),
    };
  }
  const k8s = obj(o.kubernetes);
  const raw = str(o.log) ?? str(o.message);
  if (raw !== undefined && (k8s || '@timestamp' in o || '_p' in o || 'logtag' in o)) {
    const b = body(raw);
    const tag = str(o._p) ?? str(o.logtag);
    return {
      envelope: 'fluent-bit', text: b.text, t: time(o.time, o['@timestamp'], o.timestamp),
      pod: str(k8s?.pod_name), container: str(k8s?.container_name), stream: str(o.stream),
      partial: tag === 'P',
    };
  }
  if (typeof o.log === 'string' && ('time' in o || 'stream' in o)) {
    const b = body(o.log);
    return { envelope: 'docker-json', text: b.text, t: time(o.time), stream: str(o.stream), partial: !b.complete };
  }
  return null;
}

export function unwrapJsonLine(line: string): Unwrapped | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  const ob = obj(o);
  return ob ? unwrapJsonObject(ob) : null;
}
