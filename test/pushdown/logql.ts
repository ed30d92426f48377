// LogQL: a stream selector of label equalities, then a line filter `|~` (RE2, anywhere in the
// line); logcli --output=jsonl --forward writes the kept lines oldest first.
import assert from 'node:assert/strict';
import type { Evaluator } from './evaluator.js';
import { regex } from './evaluator.js';
import { isoMs } from './records.js';

export const logql: Evaluator = (filter, sample) => {
  const m = /^\{([^}]*)\} \|~ (`[^`]*`|"(?:[^"\\]|\\.)*")$/.exec(filter);
  assert.ok(m, `not the LogQL subset: ${filter}`);
  const labels = m[1] === '' ? [] : m[1].split(',').map((p) => {
    const eq = /^(\w+)="((?:[^"\\]|\\.)*)"$/.exec(p);
    assert.ok(eq, `label matcher: ${p}`);
    return [eq[1], JSON.parse(`"${eq[2]}"`) as string] as const;
  });
  const re = regex(m[2].startsWith('`') ? m[2].slice(1, -1) : (JSON.parse(m[2]) as string));
  const kept = new Set<number>();
  const out: string[] = [];
  for (const r of [...sample.recs].sort((a, b) => a.t - b.t || a.i - b.i)) {
    const streamLabels: Record<string, string> = { namespace: r.namespace, pod: r.pod, container: r.container, stream: r.stream };
    if (!labels.every(([k, v]) => streamLabels[k] === v) || !re.test(r.text)) continue;
    kept.add(r.i);
    out.push(JSON.stringify({ labels: streamLabels, line: r.text, timestamp: isoMs(r.t) }) + '\n');
  }
  return { kept, exported: out.join('') };
};
