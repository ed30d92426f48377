// Elasticsearch / OpenSearch index a message as words (the standard analyzer: Unicode word
// boundaries, lower case), not as one string, and a regexp there matches one word. So each needle
// becomes a phrase of the words it holds, and only words it holds whole: an edge word that may go
// on in the line (`Invalid cookie token` at the start of `Invalid cookie tokens…`) is left out.
import type { Dialect, PlaceOptions } from './types.js';
import { pushdownTerms, type PushdownTerm } from '../needles.js';

/** Fluent Bit keeps the line in `log` (docker, cri multiline parsers) or `message` (cri parser). */
const FIELDS = ['log', 'message'];

// ASCII characters that always end a word (word-break class Other); letters, digits and `_` make
// words, and `. , : ; '` join two words of the right kind, so they are not breaks on their own.
const BREAK = /[\s!"#$%&()*+\-/<=>?@[\\\]^`{|}~]/;
const WORD = /[\p{L}\p{N}_]/u;

type Cell = { sep: true } | { sep: false; char: string } | { sep: false; set: string };
const cellChars = (c: Cell) => ('char' in c ? c.char : 'set' in c ? c.set : ' ');

function cells(t: PushdownTerm): Cell[] {
  const out: Cell[] = [];
  for (const p of t.pieces) {
    if ('text' in p) for (const c of p.text) out.push(BREAK.test(c) ? { sep: true } : { sep: false, char: c });
    else if ([...p.anyOf].every((c) => BREAK.test(c))) out.push({ sep: true });
    else out.push({ sep: false, set: p.anyOf });
  }
  return out;
}

interface Run {
  cells: Cell[];
  /** A break (or the line's own edge) on both sides: its words are the line's words. */
  whole: boolean;
  literal: boolean;
  text: string;
}

function runs(t: PushdownTerm): Run[] {
  const cs = cells(t);
  const out: Run[] = [];
  for (let i = 0; i < cs.length; ) {
    if (cs[i].sep) {
      i++;
      continue;
    }
    const from = i;
    while (i < cs.length && !cs[i].sep) i++;
    const run = cs.slice(from, i);
    const whole = (from > 0 || t.start) && (i < cs.length || t.end);
    const literal = run.every((c) => 'char' in c);
    out.push({ cells: run, whole, literal, text: run.map((c) => ('char' in c ? c.char : '')).join('') });
  }
  return out;
}

/** The query clause for one term, or null when no word of it can be matched whole. */
function esClause(t: PushdownTerm): object | null {
  const rs = runs(t);
  // The longest stretch of whole literal runs, as the text between them (breaks included).
  let best: { from: number; to: number } | null = null;
  for (let i = 0; i < rs.length; i++) {
    if (!rs[i].whole || !rs[i].literal) continue;
    let j = i;
    while (j + 1 < rs.length && rs[j + 1].whole && rs[j + 1].literal) j++;
    if (!best || j - i > best.to - best.from) best = { from: i, to: j };
    i = j;
  }
  if (best) {
    const text = rs.slice(best.from, best.to + 1).map((r) => r.text).join(' ');
    return { multi_match: { query: text, type: 'phrase', fields: FIELDS } };
  }
  // A word made of character sets (a status code): a regexp on the word.
  const word = rs.find((r) => r.whole && r.cells.every((c) => [...cellChars(c)].every((x) => WORD.test(x))));
  if (!word) return prefixClause(rs, t);
  const re = word.cells.map((c) => ('char' in c ? c.char.toLowerCase() : `[${cellChars(c).toLowerCase().replace('0123456789', '0-9')}]`)).join('');
  return { bool: { should: FIELDS.map((f) => ({ regexp: { [f]: re } })) } };
}

/**
 * A needle whose words may go on in the line (`Forbidden` at the start of `Forbidden: …`,
 * `username:` before the name): a prefix query on the first word it begins whole. It may match
 * more words than the needle does, never fewer, so the filter stays right.
 */
function prefixClause(rs: Run[], t: PushdownTerm): object | null {
  // A run after a break in the needle, or at the start of a needle that starts the message, begins a word.
  const first = rs.find((r, k) => r.literal && (k > 0 || t.start));
  const head = first ? /^[\p{L}\p{N}_]+/u.exec(first.text)?.[0] : undefined;
  if (!head) return null;
  return { bool: { should: FIELDS.map((f) => ({ prefix: { [f]: head.toLowerCase() } })) } };
}

export const es: Dialect = {
  id: 'es',
  title: 'an Elasticsearch / OpenSearch _search body (Fluent Bit documents)',
  render(o: PlaceOptions) {
    const filter: object[] = [
      ...(o.namespace ? [{ match_phrase: { 'kubernetes.namespace_name': o.namespace } }] : []),
      ...(o.container ? [{ match_phrase: { 'kubernetes.container_name': o.container } }] : []),
      ...(o.since ? [{ range: { '@timestamp': { gte: `now-${o.since.amount}${o.since.unit}` } } }] : []),
    ];
    const should: object[] = [];
    for (const t of pushdownTerms()) {
      const c = esClause(t);
      // A needle no word query can express keeps every line: the filter stays right, if wider.
      if (!c) return JSON.stringify({ query: { bool: { filter } }, sort: [{ '@timestamp': 'asc' }], size: 10000 });
      if (!should.some((s) => JSON.stringify(s) === JSON.stringify(c))) should.push(c);
    }
    return JSON.stringify({ query: { bool: { filter, should, minimum_should_match: 1 } }, sort: [{ '@timestamp': 'asc' }], size: 10000 });
  },
  example: `body=$(hubsleuth filter --es --namespace jhub --since 48h)
curl -s -H 'Content-Type: application/json' "$ES/fluent-bit-*/_search" \\
    -d "$body" | hubsleuth
elasticdump --input="$ES/fluent-bit-*" --output=$ --type=data \\
    --searchBody="$body" | hubsleuth`,
  notes: 'The body is one line of JSON: keep "$body" in double quotes. Phrases match words, case-insensitively, in the log and message fields. One _search answers at most 10,000 hits (index.max_result_window): for more, use elasticdump (it scrolls) with the same body.',
};
