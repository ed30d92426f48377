// grep: the real grep -E over the sample file as it is.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import type { Evaluator } from './evaluator.js';

export const grep: Evaluator = (filter, sample) => {
  let out = '';
  try {
    out = execFileSync('grep', ['-nE', filter, resolve(ROOT, sample.path)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    if ((e as { status?: number }).status !== 1) throw e;
  }
  const lines = out.split('\n').filter(Boolean);
  const byLine = new Map(sample.lineOf.map((l, i) => [l, i]));
  const kept = new Set<number>();
  for (const l of lines) {
    const i = byLine.get(Number(l.slice(0, l.indexOf(':'))));
    if (i !== undefined) kept.add(i);
  }
  return { kept, exported: lines.map((l) => l.slice(l.indexOf(':') + 1) + '\n').join(''), universe: sample.lineOf.length };
};
