// Cloud Logging: comparisons joined by AND; `=` compares a field's string (case-insensitively),
// `=~` searches it with an RE2 regex, `>=` compares timestamps. `gcloud logging read
// --format=json --order=asc` writes the kept LogEntry objects as one array.
import assert from 'node:assert/strict';
import type { Evaluator } from './evaluator.js';
import { regex } from './evaluator.js';
import { isoMs, type Rec } from './records.js';

function entry(r: Rec): Record<string, unknown> {
  return {
    insertId: `k${r.i}`,
    logName: `projects/hub-project/logs/${r.stream}`,
    resource: { type: 'k8s_container', labels: { project_id: 'hub-project', location: 'europe-west1', cluster_name: 'hub-cluster', namespace_name: r.namespace, pod_name: r.pod, container_name: r.container } },
    severity: r.stream === 'stderr' ? 'ERROR' : 'INFO',
    textPayload: r.text,
    timestamp: isoMs(r.t),
    receiveTimestamp: isoMs(r.t + 800),
  };
}

const field = (o: unknown, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

export const gcloud: Evaluator = (filter, sample) => {
  const parts = filter.split(' AND ').map((c) => {
    const m = /^([\w.]+)(=~|>=|=)("(?:[^"\\]|\\.)*")$/.exec(c);
    assert.ok(m, `not the Cloud Logging subset: ${c}`);
    return { path: m[1], op: m[2], value: JSON.parse(m[3]) as string };
  });
  const kept = new Set<number>();
  const out: unknown[] = [];
  for (const r of [...sample.recs].sort((a, b) => a.t - b.t || a.i - b.i)) {
    const e = entry(r);
    const ok = parts.every(({ path, op, value }) => {
      const v = field(e, path);
      if (typeof v !== 'string') return false;
      if (op === '=') return v.toLowerCase() === value.toLowerCase();
      if (op === '>=') return v >= value;
      return regex(value).test(v);
    });
    if (!ok) continue;
    kept.add(r.i);
    out.push(e);
  }
  return { kept, exported: JSON.stringify(out, null, 2) + '\n' };
};
