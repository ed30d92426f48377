// CloudWatch Logs Insights over a Container Insights log group: each event's @message is Fluent
// Bit's record as JSON, whose keys become fields (kubernetes.namespace_name…). `filter` takes
// `field = "value"` joined by `and`, or `@message like /regex/`; then `sort @timestamp asc` and
// `limit`. `aws logs get-query-results` writes the rows as arrays of field/value pairs.
import assert from 'node:assert/strict';
import type { Evaluator } from './evaluator.js';
import { regex } from './evaluator.js';
import type { Rec } from './records.js';

function event(r: Rec): Record<string, string> {
  const message = JSON.stringify({ time: new Date(r.t).toISOString(), stream: r.stream, _p: 'F', log: r.text, kubernetes: { pod_name: r.pod, namespace_name: r.namespace, container_name: r.container, host: 'ip-10-0-1-23.ec2.internal' } });
  return {
    '@timestamp': new Date(r.t).toISOString().replace('T', ' ').replace('Z', ''),
    '@message': message,
    '@logStream': `${r.pod}_${r.namespace}_${r.container}-0b5c1f`,
    '@ptr': `CmAKJgoiMTIzNDU2Nzg5MDEyOi9hd3MvY29udGFpbmVyaW5zaWdodHMQABI0${r.i}`,
    'kubernetes.namespace_name': r.namespace,
    'kubernetes.container_name': r.container,
    'kubernetes.pod_name': r.pod,
  };
}

export const cloudwatch: Evaluator = (filter, sample) => {
  const [head, ...commands] = filter.split('\n');
  const fields = /^fields (.+)$/.exec(head)?.[1].split(', ');
  assert.ok(fields, `first command: ${head}`);
  const tests: Array<(e: Record<string, string>) => boolean> = [];
  let limit = Infinity;
  let sorted = false;
  for (const c of commands) {
    const like = /^\| filter @message like \/((?:[^/\\]|\\.)*)\/$/.exec(c);
    const eq = /^\| filter (.+)$/.exec(c);
    if (like) {
      const re = regex(like[1]);
      tests.push((e) => re.test(e['@message']));
    } else if (eq) {
      for (const cond of eq[1].split(' and ')) {
        const m = /^([\w.@]+) = ("(?:[^"\\]|\\.)*")$/.exec(cond);
        assert.ok(m, `condition: ${cond}`);
        const value = JSON.parse(m[2]) as string;
        tests.push((e) => e[m[1]] === value);
      }
    } else if (c === '| sort @timestamp asc') sorted = true;
    else if (/^\| limit \d+$/.test(c)) limit = Number(c.slice(8));
    else assert.fail(`not the Insights subset: ${c}`);
  }
  assert.ok(sorted, 'the rows must come oldest first');
  const kept = new Set<number>();
  const rows: unknown[] = [];
  for (const r of [...sample.recs].sort((a, b) => a.t - b.t || a.i - b.i)) {
    const e = event(r);
    if (!tests.every((t) => t(e)) || rows.length >= limit) continue;
    kept.add(r.i);
    rows.push([...fields, '@ptr'].map((f) => ({ field: f, value: e[f] })));
  }
  const doc = { results: rows, statistics: { recordsMatched: rows.length, recordsScanned: sample.recs.length, bytesScanned: 1024 * sample.recs.length }, status: 'Complete' };
  return { kept, exported: JSON.stringify(doc, null, 4) + '\n' };
};
