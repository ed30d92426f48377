// The refused requests of a report, kept as columns: an archive's report can list hundreds of
// thousands of them, and one object (plus a time string) each is most of the memory `analyze`
// uses. A Denial object is made when one is read, and forgotten after.
import type { Attribution, Component, Denial, DenialCause, DenialList } from '../core/model/report.js';
import { iso, NO_TIME } from '../core/time.js';
import { flatString } from './strings.js';
import { CAUSES } from './causes/index.js';

// A cause is stored as its position in the registry, a component and an attribution as theirs here.
const CAUSE_IDS: readonly DenialCause[] = CAUSES.map((c) => c.id);
const CAUSE_CODE = Object.fromEntries(CAUSE_IDS.map((id, k) => [id, k])) as Record<DenialCause, number>;
const COMPONENTS: readonly Component[] = ['hub', 'singleuser', 'service', 'culler', 'proxy'];
const ATTRIBUTIONS: readonly Attribution[] = ['access-line', 'message', 'path', 'next', 'state', 'repr', 'pod', 'request'];

/** One denial as the correlator records it: its time as epoch milliseconds (NaN when the line had none). */
export type DenialRow = Omit<Denial, 'at'> & { t: number };

export class DenialTable implements DenialList {
  length = 0;
  private t = new Float64Array(1024);
  private line = new Float64Array(1024);
  // 0: no status in the input
  private status = new Uint16Array(1024);
  private cause = new Uint8Array(1024);
  private component = new Uint8Array(1024);
  // -1: null
  private attributedBy = new Int8Array(1024);
  private incident = new Int32Array(1024);
  // ids into `values`; -1 for null
  private user = new Int32Array(1024);
  private method = new Int32Array(1024);
  private path = new Int32Array(1024);
  private detail = new Int32Array(1024);
  private missing = new Int32Array(1024);
  private source = new Int32Array(1024);
  private readonly values: string[] = [];
  private readonly json: string[] = [];
  private readonly ids = new Map<string, number>();

  push(d: DenialRow): void {
    if (this.length === this.t.length) this.grow();
    const i = this.length++;
    this.t[i] = d.t;
    this.line[i] = d.line;
    this.status[i] = d.status ?? 0;
    this.cause[i] = CAUSE_CODE[d.cause];
    this.component[i] = COMPONENTS.indexOf(d.component);
    this.attributedBy[i] = d.attributedBy === null ? -1 : ATTRIBUTIONS.indexOf(d.attributedBy);
    this.incident[i] = d.incident ?? -1;
    this.user[i] = this.id(d.user);
    this.method[i] = this.id(d.method);
    this.path[i] = this.id(d.path);
    this.detail[i] = this.id(d.detail);
    this.missing[i] = this.id(d.missing);
    this.source[i] = this.id(d.source);
  }

  at(i: number): Denial {
    const v = (id: number) => (id < 0 ? null : this.values[id]);
    return {
      at: iso(this.t[i]) ?? NO_TIME, user: v(this.user[i]), status: this.status[i] || null, method: v(this.method[i]), path: v(this.path[i]),
      cause: CAUSE_IDS[this.cause[i]], component: COMPONENTS[this.component[i]], attributedBy: this.attributedBy[i] < 0 ? null : ATTRIBUTIONS[this.attributedBy[i]],
      detail: v(this.detail[i]), missing: v(this.missing[i]), incident: this.incident[i] < 0 ? null : this.incident[i], source: this.values[this.source[i]], line: this.line[i],
    };
  }

  /** How many denials have each cause, read from the cause column alone. */
  countByCause(): Map<DenialCause, number> {
    const n = new Array<number>(CAUSE_IDS.length).fill(0);
    for (let i = 0; i < this.length; i++) n[this.cause[i]]++;
    return new Map(CAUSE_IDS.map((id, k) => [id, n[k]] as const).filter(([, c]) => c > 0));
  }

  /**
   * Puts the rows in time order (stable; a row without a time keeps its place after the row before
   * it). A refusal known from its reason lines alone is recorded once no access line can claim it,
   * which is after later requests.
   */
  sortByTime(): void {
    const n = this.length;
    const key = new Float64Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      key[i] = Number.isFinite(this.t[i]) ? this.t[i] : i > 0 ? key[i - 1] : -Infinity;
      if (i > 0 && key[i] < key[i - 1]) sorted = false;
    }
    if (sorted) return;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
    const take = <T extends Float64Array | Uint16Array | Uint8Array | Int8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length);
      order.forEach((from, to) => { b[to] = a[from]; });
      return b;
    };
    this.t = take(this.t);
    this.line = take(this.line);
    this.status = take(this.status);
    this.cause = take(this.cause);
    this.component = take(this.component);
    this.attributedBy = take(this.attributedBy);
    this.incident = take(this.incident);
    this.user = take(this.user);
    this.method = take(this.method);
    this.path = take(this.path);
    this.detail = take(this.detail);
    this.missing = take(this.missing);
    this.source = take(this.source);
  }

  *[Symbol.iterator](): Iterator<Denial> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  slice(start = 0, end = this.length): Denial[] {
    const out: Denial[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.length); i++) out.push(this.at(i));
    return out;
  }

  toJSON(): Denial[] {
    return this.slice();
  }

  /** Denial `i` as JSON.stringify(this.at(i)) would write it, from strings encoded once per value. */
  jsonAt(i: number): string {
    const q = (id: number) => (id < 0 ? 'null' : this.json[id]);
    const inc = this.incident[i];
    const by = this.attributedBy[i];
    return `{"at":"${iso(this.t[i]) ?? NO_TIME}","user":${q(this.user[i])},"status":${this.status[i] || 'null'},"method":${q(this.method[i])},`
      + `"path":${q(this.path[i])},"cause":"${CAUSE_IDS[this.cause[i]]}","component":"${COMPONENTS[this.component[i]]}",`
      + `"attributedBy":${by < 0 ? 'null' : `"${ATTRIBUTIONS[by]}"`},"detail":${q(this.detail[i])},"missing":${q(this.missing[i])},"incident":${inc < 0 ? 'null' : inc},`
      + `"source":${q(this.source[i])},"line":${this.line[i]}}`;
  }

  private id(s: string | null): number {
    if (s === null) return -1;
    let id = this.ids.get(s);
    if (id === undefined) {
      // A flat copy: the name may be a slice of a whole log line, which it would keep alive.
      const v = flatString(s);
      id = this.values.push(v) - 1;
      this.json.push(JSON.stringify(v));
      this.ids.set(v, id);
    }
    return id;
  }

  private grow(): void {
    const n = this.t.length * 2;
    const g = <T extends Float64Array | Uint16Array | Uint8Array | Int8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.t = g(this.t);
    this.line = g(this.line);
    this.status = g(this.status);
    this.cause = g(this.cause);
    this.component = g(this.component);
    this.attributedBy = g(this.attributedBy);
    this.incident = g(this.incident);
    this.user = g(this.user);
    this.method = g(this.method);
    this.path = g(this.path);
    this.detail = g(this.detail);
    this.missing = g(this.missing);
    this.source = g(this.source);
  }
}
