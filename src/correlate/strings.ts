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
      v = flatString(s);
      if (this.table.size < MAX_ENTRIES) this.table.set(v, v);
    }
    return v as T;
  }
}

/**
 * A copy of `s` that shares no memory with it. A slice keeps the string it was cut from alive (a
 * whole log line, or a whole batch of events from a worker); a copy lets that go. Strings that
 * UTF-8 cannot carry (a lone surrogate from a JSON envelope) are kept as they are.
 */
export function flatString(s: string): string {
  const copy = Buffer.from(s, 'utf8').toString('utf8');
  return copy === s ? copy : s;
}
