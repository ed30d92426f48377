// Names and paths kept in the report (tens of thousands of denials on a big archive) are slices of
// the log line they came from, and a slice keeps its whole line alive. One flat copy per distinct
// value lets the lines go.
const MAX_ENTRIES = 100_000;

export class StringTable {
  private readonly table = new Map<string, string>();

  get<T extends string | null>(s: T): T {
    if (s === null) return s;
    let v = this.table.get(s);
    if (v === undefined) {
      v = Buffer.from(s, 'utf8').toString('utf8');
      if (this.table.size < MAX_ENTRIES) this.table.set(v, v);
    }
    return v as T;
  }
}
