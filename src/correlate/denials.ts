// The refused requests of a report, kept as columns: an archive's report can list hundreds of
// thousands of them, and one object (plus a time string) each is most of the memory `analyze`
// uses. A Denial object is made when one is read, and forgotten after.
import type { Denial, DenialCause, DenialList } from '../core/model/report.js';
import { iso, NO_TIME } from '../core/time.js';
import { flatString } from './strings.js';
import { CAUSES } from './causes/index.js';

// A cause is stored as its position in the registry.
const CAUSE_IDS: readonly DenialCause[] = CAUSES.map((c) => c.id);
const CAUSE_CODE = Object.fromEntries(CAUSE_IDS.map((id, k) => [id, k])) as Record<DenialCause, number>;

export class DenialTable implements DenialList {
  length = 0;
  private t = new Float64Array(1024);
  private line = new Float64Array(1024);
  private status = new Uint16Array(1024);
  private cause = new Uint8Array(1024);
  private incident = new Int32Array(1024);
  // ids into `values`; -1 for a null user
  private user = new Int32Array(1024);
  private method = new Int32Array(1024);
  private path = new Int32Array(1024);
  private source = new Int32Array(1024);
  private readonly values: string[] = [];
  private readonly json: string[] = [];
  private readonly ids = new Map<string, number>();

  push(t: number, user: string | null, status: number, method: string, path: string, cause: DenialCause, incident: number | null, source: string, line: number): void {
    if (this.length === this.t.length) this.grow();
    const i = this.length++;
    this.t[i] = t;
    this.line[i] = line;
    this.status[i] = status;
    this.cause[i] = CAUSE_CODE[cause];
    this.incident[i] = incident ?? -1;
    this.user[i] = user === null ? -1 : this.id(user);
    this.method[i] = this.id(method);
    this.path[i] = this.id(path);
    this.source[i] = this.id(source);
  }

  at(i: number): Denial {
    return {
      at: iso(this.t[i]) ?? NO_TIME, user: this.user[i] < 0 ? null : this.values[this.user[i]], status: this.status[i],
      method: this.values[this.method[i]], path: this.values[this.path[i]], cause: CAUSE_IDS[this.cause[i]],
      incident: this.incident[i] < 0 ? null : this.incident[i], source: this.values[this.source[i]], line: this.line[i],
    };
  }

  /** How many denials have each cause, read from the cause column alone. */
  countByCause(): Map<DenialCause, number> {
    const n = new Array<number>(CAUSE_IDS.length).fill(0);
    for (let i = 0; i < this.length; i++) n[this.cause[i]]++;
    return new Map(CAUSE_IDS.map((id, k) => [id, n[k]] as const).filter(([, c]) => c > 0));
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
    const q = this.json;
    const u = this.user[i];
    const inc = this.incident[i];
    return `{"at":"${iso(this.t[i]) ?? NO_TIME}","user":${u < 0 ? 'null' : q[u]},"status":${this.status[i]},"method":${q[this.method[i]]},`
      + `"path":${q[this.path[i]]},"cause":"${CAUSE_IDS[this.cause[i]]}","incident":${inc < 0 ? 'null' : inc},"source":${q[this.source[i]]},"line":${this.line[i]}}`;
  }

  private id(s: string): number {
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
    const g = <T extends Float64Array | Uint16Array | Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.t = g(this.t);
    this.line = g(this.line);
    this.status = g(this.status);
    this.cause = g(this.cause);
    this.incident = g(this.incident);
    this.user = g(this.user);
    this.method = g(this.method);
    this.path = g(this.path);
    this.source = g(this.source);
  }
}
