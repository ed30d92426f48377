// A sample log laid out as a log platform keeps it: one record per line (a collector joins the
// pieces of a long line), with the pod, namespace, container and stream labels and a time, plus
// lines of other containers and namespaces that a selector must drop.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unwrap } from '../../parsers/envelopes/index.js';
import { parseShape } from '../../parsers/shapes/index.js';
import { RecordParser } from '../../parsers/record.js';
import { stripAnsi } from '../../src/core/text.js';
import { UTC } from '../../src/core/time.js';
import { ROOT } from '../helpers/cli.js';

export interface Rec {
  /** Index in the sample's records. */
  i: number;
  text: string;
  /** epoch ms */
  t: number;
  stream: string;
  namespace: string;
  pod: string;
  container: string;
}

export interface Sample {
  path: string;
  /** The hub's records, then foreign ones. */
  recs: Rec[];
  /** Indices of the records analyze reads (their first lines become events in `needed` mode). */
  needed: Set<number>;
  /** The first physical line of each hub record, to map grep's line numbers. */
  lineOf: number[];
}

const POD = 'hub-7c9d5b8f4-x2k9q';

export function loadSample(path: string): Sample {
  const bytes = readFileSync(resolve(ROOT, path));
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const recs: Rec[] = [];
  const recOfLine: number[] = [];
  const lineOf: number[] = [];
  let open: { text: string } | null = null;
  lines.forEach((line, k) => {
    const u = unwrap(line);
    if (open) {
      open.text += u.text;
      recOfLine[k] = recs.length - 1;
      if (!u.partial) open = null;
      return;
    }
    const own = parseShape(stripAnsi(u.text), UTC)?.t;
    recs.push({ i: recs.length, text: u.text, t: Number.isFinite(u.t) ? u.t : own !== undefined && Number.isFinite(own) ? own : NaN, stream: u.stream ?? 'stderr', namespace: 'jhub', pod: u.pod ?? POD, container: u.container ?? 'hub' });
    recOfLine[k] = recs.length - 1;
    lineOf.push(k + 1);
    if (u.partial) open = recs[recs.length - 1];
  });
  // A collector stamps every line; a line without a time of its own is written with the next one.
  let next = NaN;
  for (let k = recs.length - 1; k >= 0; k--) {
    if (Number.isFinite(recs[k].t)) next = recs[k].t;
    else recs[k].t = next;
  }
  let prev = 0;
  for (const r of recs) prev = r.t = Number.isFinite(r.t) ? r.t : prev;
  const needed = new Set<number>();
  const parser = new RecordParser(path, (ev) => needed.add(recOfLine[ev.line - 1]), { mode: 'needed' });
  lines.forEach((line, k) => {
    const b = Buffer.from(line);
    parser.pushBytes(b, 0, b.length, k + 1);
  });
  parser.flush();
  // The same lines from a sidecar and from another namespace's hub: a selector drops them.
  const n = recs.length;
  for (let k = 0; k < Math.min(n, 40); k++) {
    recs.push({ ...recs[k], i: recs.length, container: 'chp-sidecar' });
    recs.push({ ...recs[k], i: recs.length, namespace: 'staging' });
  }
  return { path, recs, needed, lineOf };
}

/** An ISO time with the milliseconds the sample has. */
export const isoMs = (t: number) => new Date(t).toISOString();
