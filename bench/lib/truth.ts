// What the generator actually wrote, recorded from the write hooks (never re-derived by
// parsing): the ground truth that samples/*.expected.json and the tests compare against.
import { iso } from './fmt.js';

export type DeletedBy = 'culler' | 'admin' | 'unknown';
export type Cause = 'deleted-by-culler' | 'deleted-by-admin' | 'not-allowed' | 'blocked' | 'xsrf' | 'permission' | 'unknown';

export interface Ev { source: string; line: number; text: string }
export interface Deletion {
  user: string; deletedAt: string; deletedBy: DeletedBy; actor: string | null; inactiveFor: string | null;
  line: number; cullerLine: number | null; text: string; cullerText: string | null;
}
export interface DenialT { at: string; user: string | null; status: number; method: string; path: string; cause: Cause; incident: number | null; line: number; text: string }
export interface Login { at: string; user: string; line: number }
export interface Start { at: string; version: string; line: number }
export interface CullerT { seen: boolean; cullsUsers: boolean | null; timeoutSeconds: number | null; everySeconds: number | null; line: number | null; text: string | null }

/** Handle the simulation keeps per deletion, so a denial can name its incident once it is written. */
export interface IncidentRef { index: number; deletedBy: DeletedBy }

export class Truth {
  deletions: Deletion[] = [];
  denials: DenialT[] = [];
  logins: Login[] = [];
  hubStarts: Start[] = [];
  culler: CullerT = { seen: false, cullsUsers: null, timeoutSeconds: null, everySeconds: null, line: null, text: null };
  counts = { deletions: 0, deletionsByCuller: 0, deletionsByAdmin: 0, denials: 0, logins: 0, hubStarts: 0, serverCulls: 0 };
  /** incident index of each written deletion whose user has not logged in since */
  private open = new Map<string, number>();
  private restored: (string | null)[] = [];
  constructor(private limit = Infinity) {}

  private keep<T>(xs: T[], x: T) {
    if (xs.length < this.limit) xs.push(x);
  }

  deletion(d: Omit<Deletion, never>, ref: IncidentRef) {
    ref.index = this.counts.deletions++;
    if (d.deletedBy === 'culler') this.counts.deletionsByCuller++;
    if (d.deletedBy === 'admin') this.counts.deletionsByAdmin++;
    this.keep(this.deletions, d);
    if (this.limit === Infinity) this.restored.push(null);
    this.open.set(d.user, ref.index);
  }
  denial(d: DenialT) {
    this.counts.denials++;
    this.keep(this.denials, d);
  }
  login(l: Login) {
    this.counts.logins++;
    this.keep(this.logins, l);
    const i = this.open.get(l.user);
    if (i !== undefined) {
      if (this.limit === Infinity) this.restored[i] = l.at;
      this.open.delete(l.user);
    }
  }
  start(s: Start) {
    this.counts.hubStarts++;
    this.keep(this.hubStarts, s);
  }
  serverCull() {
    this.counts.serverCulls++;
  }

  /** Bounded form for --truth on big outputs: counts plus the first items of each list. */
  summary() {
    return { counts: this.counts, culler: this.culler, hubStarts: this.hubStarts, deletions: this.deletions, denials: this.denials, logins: this.logins, truncated: this.counts.deletions > this.deletions.length || this.counts.denials > this.denials.length };
  }

  /** The report-contract view (schema/report-v1.schema.json) of a fully recorded small output. */
  expected(source: string, verdict: { rootCause: string; confidence: string }, totalLines: number) {
    const incidents = this.deletions.map((d, i) => {
      const ds = this.denials.filter((x) => x.incident === i);
      const ev: Ev[] = [];
      if (d.cullerLine !== null) ev.push({ source, line: d.cullerLine, text: d.cullerText! });
      ev.push({ source, line: d.line, text: d.text });
      return {
        user: d.user, deletedAt: d.deletedAt, deletedBy: d.deletedBy, actor: d.actor, inactiveFor: d.inactiveFor,
        denials: ds.length, firstDeniedAt: ds[0]?.at ?? null, lastDeniedAt: ds.at(-1)?.at ?? null,
        restoredAt: this.restored[i] ?? null, evidence: ev,
      };
    });
    const atRisk = incidents.filter((x) => x.restoredAt === null && x.denials === 0).map((x) => x.user);
    return {
      schema: 'hubsleuth.report/v1',
      verdict,
      incidents,
      denials: this.denials.map((d) => ({ at: d.at, user: d.user, status: d.status, method: d.method, path: d.path, cause: d.cause, incident: d.incident, source, line: d.line })),
      hubStarts: this.hubStarts.map((s) => ({ ...s, source })),
      culler: { seen: this.culler.seen, cullsUsers: this.culler.cullsUsers, timeoutSeconds: this.culler.timeoutSeconds, everySeconds: this.culler.everySeconds,
        evidence: this.culler.line === null ? [] : [{ source, line: this.culler.line, text: this.culler.text! }] },
      // Not part of the contract: helpers for whoever checks a report against this file.
      notes: { atRiskUsers: [...new Set(atRisk)], totalLines, counts: this.counts },
    };
  }
}

export const isoAt = (t: number) => iso(Math.floor(t));
