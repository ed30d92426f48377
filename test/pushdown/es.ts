// Elasticsearch over Fluent Bit documents, fields analysed by the standard analyzer: words by
// Unicode word boundaries (for what log lines hold: letters, digits and `_` make words; `. ' :`
// join two letters, `. , ; '` two digits), lower-cased. A phrase matches consecutive words, a
// regexp one whole word, a prefix the start of one; bool filter/should/minimum_should_match combine them; hits are sorted by
// @timestamp and cut at size. The _search response holds them under hits.hits.
import assert from 'node:assert/strict';
import type { Evaluator } from './evaluator.js';
import { isoMs, type Rec } from './records.js';

const isL = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isN = (c: string | undefined) => c !== undefined && /\p{N}/u.test(c);

export function words(s: string): string[] {
  const cs = [...s];
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    const prev = cs[i - 1];
    const next = cs[i + 1];
    const joins = cur !== '' && ((/[:.']/.test(c) && isL(prev) && isL(next)) || (/[.,;']/.test(c) && isN(prev) && isN(next)));
    if (isL(c) || isN(c) || c === '_' || joins) {
      cur += c;
      continue;
    }
    if (cur) out.push(cur.toLowerCase());
    cur = '';
  }
  if (cur) out.push(cur.toLowerCase());
  return out;
}

function phrase(text: unknown, q: string): boolean {
  if (typeof text !== 'string') return false;
  const d = words(text);
  const w = words(q);
  if (w.length === 0) return false;
  for (let i = 0; i + w.length <= d.length; i++) if (w.every((x, k) => d[i + k] === x)) return true;
  return false;
}

const field = (o: unknown, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

function matches(q: Record<string, unknown>, doc: Record<string, unknown>, now: number): boolean {
  const [kind, body] = Object.entries(q)[0] as [string, Record<string, unknown>];
  switch (kind) {
    case 'match_phrase': {
      const [f, v] = Object.entries(body)[0];
      return phrase(field(doc, f), v as string);
    }
    case 'multi_match':
      assert.equal(body.type, 'phrase');
      return (body.fields as string[]).some((f) => phrase(field(doc, f), body.query as string));
    case 'regexp': {
      const [f, v] = Object.entries(body)[0];
      const text = field(doc, f);
      const re = new RegExp(`^(?:${v as string})$`);
      return typeof text === 'string' && words(text).some((w) => re.test(w));
    }
    case 'prefix': {
      const [f, v] = Object.entries(body)[0];
      const text = field(doc, f);
      return typeof text === 'string' && words(text).some((w) => w.startsWith(v as string));
    }
    case 'range': {
      const [f, v] = Object.entries(body)[0] as [string, { gte: string }];
      const m = /^now-(\d+)([smhd])$/.exec(v.gte);
      assert.ok(m, `range: ${v.gte}`);
      const ms = Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2] as 's'];
      return Date.parse(field(doc, f) as string) >= now - ms;
    }
    case 'bool': {
      const filter = (body.filter as Record<string, unknown>[] | undefined) ?? [];
      const should = (body.should as Record<string, unknown>[] | undefined) ?? [];
      const min = (body.minimum_should_match as number | undefined) ?? (filter.length ? 0 : 1);
      return filter.every((c) => matches(c, doc, now)) && (should.length === 0 || should.filter((c) => matches(c, doc, now)).length >= Math.max(min, 1));
    }
    default:
      assert.fail(`not the query subset: ${kind}`);
  }
}

/** Fluent Bit's document: `log` with the docker parser (line end kept), `message` with the cri parser. */
function source(r: Rec, field: 'log' | 'message'): Record<string, unknown> {
  return {
    '@timestamp': isoMs(r.t), time: isoMs(r.t), stream: r.stream, _p: 'F',
    [field]: field === 'log' ? r.text + '\n' : r.text,
    kubernetes: { pod_name: r.pod, namespace_name: r.namespace, container_name: r.container, labels: { app: 'jupyterhub', component: 'hub' } },
  };
}

export const es = (messageField: 'log' | 'message'): Evaluator => (filter, sample) => {
  const body = JSON.parse(filter) as { query: Record<string, unknown>; sort: unknown; size: number };
  assert.deepEqual(body.sort, [{ '@timestamp': 'asc' }]);
  const kept = new Set<number>();
  const hits: unknown[] = [];
  for (const r of [...sample.recs].sort((a, b) => a.t - b.t || a.i - b.i)) {
    const doc = source(r, messageField);
    if (!matches(body.query, doc, Date.now()) || hits.length >= body.size) continue;
    kept.add(r.i);
    hits.push({ _index: `fluent-bit-${isoMs(r.t).slice(0, 10).replace(/-/g, '.')}`, _id: `d${r.i}`, _score: null, _source: doc, sort: [r.t] });
  }
  const response = { took: 7, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: hits.length, relation: 'eq' }, max_score: null, hits } };
  return { kept, exported: JSON.stringify(response) };
};
