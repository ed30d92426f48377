// What a gallery fixture says a correct reading of it is (README.md), and how hubsleuth's output
// is held against it: record by record for `events`, refusal by refusal and verdict for `analyze`.
import type { ReportJson } from '../../src/core/model/report.js';

export interface ExpectedRecord {
  line: number;
  lines: number;
  kind: string;
  t: string | null;
  user: string | null;
  note?: string;
}

export interface ExpectedRefusal {
  line: number;
  status: number | null;
  method?: string | null;
  path?: string | null;
  user: string | null;
  cause: string;
  component: string;
  attributedBy: string | null;
}

export interface Fixture {
  id: string;
  traits: string[];
  origin: { kind: 'real' | 'composed'; url?: string; facts?: string };
  records: ExpectedRecord[];
  refusals: ExpectedRefusal[];
  conclusion: { rootCause: string; incidents: Array<{ user: string; deletedBy: string }>; why: string };
}

/** One NDJSON record of `hubsleuth events`. */
export type EventRecord = Record<string, unknown> & { line: number; lines: number; kind: string; time: string | null };

// Kinds whose lines are not log records: they do not count in the share of records understood.
export const NOT_RECORDS = new Set(['paste-artifact', 'fragment']);

/** The user an event is about, in the gallery's sense (the deleted user of a deletion). */
export function eventUser(e: EventRecord): string | null {
  const u = e.kind === 'user-deleted' ? e.target : e.user;
  return typeof u === 'string' ? u : null;
}

/** Differences between the expected records and the events, one line each. */
export function recordDiffs(want: ExpectedRecord[], got: EventRecord[]): string[] {
  const out: string[] = [];
  const byLine = new Map(got.map((e) => [e.line, e]));
  for (const r of want) {
    const e = byLine.get(r.line);
    if (!e) {
      out.push(`line ${r.line}: expected a ${r.kind} record starting here, none does`);
      continue;
    }
    const what: string[] = [];
    if (e.kind !== r.kind) what.push(`kind ${e.kind} ≠ ${r.kind}`);
    if (e.lines !== r.lines) what.push(`lines ${e.lines} ≠ ${r.lines}`);
    if ((e.time ?? null) !== r.t) what.push(`time ${e.time ?? null} ≠ ${r.t}`);
    // The user of a plain message is whatever the fixture's author saw in it; not asserted.
    if (r.kind !== 'message' && e.kind === r.kind && eventUser(e) !== r.user && !(r.user === null && !('user' in e) && !('target' in e))) {
      what.push(`user ${JSON.stringify(eventUser(e))} ≠ ${JSON.stringify(r.user)}`);
    }
    if (what.length) out.push(`line ${r.line} (${r.kind}): ${what.join(', ')}`);
  }
  const starts = new Set(want.map((r) => r.line));
  for (const e of got) if (!starts.has(e.line)) out.push(`line ${e.line}: a ${e.kind} record starts here, the fixture has none`);
  return out;
}

type Denial = ReportJson['denials'][number] & { component?: string; attributedBy?: string | null };

/** Differences between the expected refusals and the report's denials (matched by line). */
export function refusalDiffs(want: ExpectedRefusal[], report: ReportJson): string[] {
  const out: string[] = [];
  const denials = report.denials as Denial[];
  const byLine = new Map(denials.map((d) => [d.line, d]));
  for (const r of want) {
    const d = byLine.get(r.line);
    if (!d) {
      out.push(`line ${r.line}: expected a refusal (${r.cause}, user ${r.user}), none reported`);
      continue;
    }
    const what: string[] = [];
    if (d.cause !== r.cause) what.push(`cause ${d.cause} ≠ ${r.cause}`);
    if (d.user !== r.user) what.push(`user ${JSON.stringify(d.user)} ≠ ${JSON.stringify(r.user)}`);
    if (r.status !== null && d.status !== r.status) what.push(`status ${d.status} ≠ ${r.status}`);
    if (r.path && d.path !== r.path) what.push(`path ${d.path} ≠ ${r.path}`);
    if ((d.component ?? null) !== r.component) what.push(`component ${d.component ?? null} ≠ ${r.component}`);
    if ((d.attributedBy ?? null) !== r.attributedBy) what.push(`attributedBy ${d.attributedBy ?? null} ≠ ${r.attributedBy}`);
    if (what.length) out.push(`refusal at line ${r.line}: ${what.join(', ')}`);
  }
  const lines = new Set(want.map((r) => r.line));
  for (const d of denials) if (!lines.has(d.line)) out.push(`line ${d.line}: a refusal (${d.cause}, ${d.user}) is reported, the fixture has none`);
  return out;
}

/** Differences in the verdict and the incidents. */
export function conclusionDiffs(want: Fixture['conclusion'], report: ReportJson): string[] {
  const out: string[] = [];
  if (report.verdict.rootCause !== want.rootCause) out.push(`verdict ${report.verdict.rootCause} ≠ ${want.rootCause} (${want.why})`);
  const got = report.incidents.map((i) => `${i.user}/${i.deletedBy}`).sort();
  const exp = want.incidents.map((i) => `${i.user}/${i.deletedBy}`).sort();
  if (got.join(' ') !== exp.join(' ')) out.push(`incidents [${got.join(', ')}] ≠ [${exp.join(', ')}]`);
  return out;
}
