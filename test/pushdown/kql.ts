// KQL over ContainerLogV2: `where` with `Column == @"value"` joined by `and`, or
// `tostring(LogMessage) matches regex @"…"` (RE2, anywhere); `project`; `order by TimeGenerated
// asc`. `az monitor log-analytics query -o json` writes one object per row, every value a string,
// with TableName.
import assert from 'node:assert/strict';
import type { Evaluator } from './evaluator.js';
import { regex } from './evaluator.js';
import { isoMs, type Rec } from './records.js';

const verbatim = (s: string) => {
  const m = /^@"((?:[^"]|"")*)"$/.exec(s);
  assert.ok(m, `verbatim string: ${s}`);
  return m[1].replace(/""/g, '"');
};

function row(r: Rec): Record<string, string> {
  return { TimeGenerated: isoMs(r.t), Computer: 'aks-nodepool1-12345678-vmss000000', ContainerId: `c0ffee${r.i}`, ContainerName: r.container, PodName: r.pod, PodNamespace: r.namespace, LogMessage: r.text, LogSource: r.stream, LogLevel: 'UNKNOWN', Type: 'ContainerLogV2' };
}

export const kql: Evaluator = (filter, sample) => {
  const [table, ...ops] = filter.split('\n');
  assert.equal(table, 'ContainerLogV2');
  const tests: Array<(r: Record<string, string>) => boolean> = [];
  let columns: string[] | null = null;
  let ordered = false;
  for (const op of ops) {
    const regexWhere = /^\| where tostring\(LogMessage\) matches regex (@".*")$/.exec(op);
    const where = /^\| where (.+)$/.exec(op);
    const project = /^\| project (.+)$/.exec(op);
    if (regexWhere) {
      const re = regex(verbatim(regexWhere[1]));
      tests.push((r) => re.test(r.LogMessage));
    } else if (where) {
      for (const cond of where[1].split(' and ')) {
        const m = /^(\w+) == (@".*")$/.exec(cond);
        assert.ok(m, `condition: ${cond}`);
        const value = verbatim(m[2]);
        tests.push((r) => r[m[1]] === value);
      }
    } else if (project) columns = project[1].split(', ');
    else if (op === '| order by TimeGenerated asc') ordered = true;
    else assert.fail(`not the KQL subset: ${op}`);
  }
  assert.ok(ordered && columns, 'rows ordered by time, columns projected');
  const kept = new Set<number>();
  const out: unknown[] = [];
  for (const r of [...sample.recs].sort((a, b) => a.t - b.t || a.i - b.i)) {
    const full = row(r);
    if (!tests.every((t) => t(full))) continue;
    kept.add(r.i);
    out.push({ ...Object.fromEntries(columns.map((c) => [c, full[c]])), TableName: 'PrimaryResult' });
  }
  return { kept, exported: JSON.stringify(out, null, 2) + '\n' };
};
