// The correlator's story + input statistics → the contract's Report object. The report's incidents,
// lists and summaries are made here, new: the correlator's own records stay its own.
import { iso, NO_TIME } from '../core/time.js';
import { REPORT_SCHEMA, type CauseDescription, type DenialCause, type DenialList, type Incident, type InputSummary, type Report } from '../core/model/report.js';
import type { Story } from './correlator.js';
import type { IncidentRecord } from './incidents.js';
import { DenialTable } from './denials.js';
import { CAUSES } from './causes/index.js';
import { finishFindings } from './findings/index.js';
import { decideVerdict } from './verdicts/index.js';
import { seenOf } from './sufficiency.js';
import { VERSION } from '../core/version.js';
import type { SourceStats } from '../core/model/inputs.js';
import type { MergeStats } from '../core/model/inputs.js';

function dominant<K extends string>(counts: Partial<Record<K, number>>, fallback: K): K {
  let best: K = fallback;
  let n = -1;
  for (const [k, v] of Object.entries(counts) as Array<[K, number]>) {
    if (v > n) {
      best = k;
      n = v;
    }
  }
  return best;
}

function inputSummary(s: SourceStats): InputSummary {
  const shapes = { ...s.shapes };
  delete shapes.none;
  return {
    source: s.source, format: dominant(shapes, 'none' as const), envelope: dominant(s.envelopes, 'plain' as const),
    lines: s.lines, parsed: s.parsed, unparsed: s.unparsed, artifacts: s.artifacts, fragments: s.fragments, first: iso(s.first), last: iso(s.last),
  };
}

export interface BuildOptions {
  /** Narrow incidents and denials to this user (attribution still uses everything). */
  user?: string;
  /** The --since/--until window the records were read in (epoch ms): the span the report covers. */
  since?: number;
  until?: number;
}

function toIncident(r: Readonly<IncidentRecord>): Incident {
  const inc: Incident = {
    user: r.user, deletedAt: r.deletedAt, deletedBy: r.deletedBy, actor: r.actor, inactiveFor: r.inactiveFor, denials: r.denials,
    firstDeniedAt: r.firstDeniedAt, lastDeniedAt: r.lastDeniedT === null ? null : iso(r.lastDeniedT) ?? NO_TIME, restoredAt: r.restoredAt,
    // A new list of the same lines: evidence is never changed once made, and an archive has many.
    evidence: [...r.evidence],
  };
  // Written after the evidence, where the field has always been.
  if (r.restoredBy) inc.restoredBy = r.restoredBy;
  return inc;
}

export function countCauses(denials: DenialList): Map<DenialCause, number> {
  if (denials instanceof DenialTable) return denials.countByCause();
  const n = new Map<DenialCause, number>();
  for (const d of denials) n.set(d.cause, (n.get(d.cause) ?? 0) + 1);
  return n;
}

/** The words of each cause the report's denials have, in registry order. */
export function describeCauses(counts: ReadonlyMap<DenialCause, number>): Report['causes'] {
  const out: Report['causes'] = {};
  for (const c of CAUSES) {
    const count = counts.get(c.id) ?? 0;
    if (count === 0) continue;
    const d: CauseDescription = { title: c.title, explanation: c.explanation, remediation: [...c.remediation], severity: c.severity, count };
    out[c.id] = d;
  }
  return out;
}

/** The input that could not be read (or not all of it, or is not a log) and why, as the user named it. */
export interface InputProblem {
  input: string;
  reason: string;
}

/**
 * The report with its inputs' problems written into `inputs`: a report that leaves an input out
 * says so, and an input never read at all gets a row of its own.
 */
export function withInputProblems(report: Report, problems: readonly InputProblem[]): Report {
  if (problems.length === 0) return report;
  const inputs = report.inputs.map((i) => ({ ...i }));
  for (const p of problems) {
    const row = inputs.find((i) => i.source === p.input);
    if (row) row.error ??= p.reason;
    else inputs.push({ source: p.input, format: 'none', envelope: 'plain', lines: 0, parsed: 0, unparsed: 0, artifacts: 0, fragments: 0, first: null, last: null, error: p.reason });
  }
  return { ...report, inputs };
}

export function buildReport(story: Story, stats: SourceStats[], merge: MergeStats, opts: BuildOptions = {}): Report {
  let incidents = story.incidents.map(toIncident);
  let denials: DenialList = story.denials;
  const culler = story.culler.summary(story.incidents);
  const mine = opts.user === undefined ? story.incidents : story.incidents.filter((i) => i.user === opts.user);
  // A finding that names users speaks of the narrowed report only where it names its user.
  const users = story.users?.finish(story.hubStarts, opts.user) ?? [];
  const findings = finishFindings(story.findings, { incidents: mine, hubStarts: story.hubStarts, merge, stories: users, end: story.end, user: opts.user })
    .filter((f) => opts.user === undefined || f.users === undefined || f.users.includes(opts.user));
  if (opts.user !== undefined) {
    const keep = new Map<number, number>();
    incidents = incidents.filter((inc, i) => inc.user === opts.user && keep.set(i, keep.size));
    denials = [...denials].filter((d) => d.user === opts.user).map((d) => ({ ...d, incident: d.incident === null ? null : keep.get(d.incident) ?? null }));
  }
  const counts = countCauses(denials);
  const inputs = stats.map(inputSummary);
  const totals = inputs.reduce((t, i) => ({
    lines: t.lines + i.lines, parsed: t.parsed + i.parsed, unparsed: t.unparsed + i.unparsed,
    artifacts: t.artifacts + i.artifacts, fragments: t.fragments + i.fragments, duplicates: t.duplicates,
  }), { lines: 0, parsed: 0, unparsed: 0, artifacts: 0, fragments: 0, duplicates: merge.duplicates });
  const seen = seenOf(inputs, totals, story.hubStarts, culler, opts);
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'hubsleuth', version: VERSION },
    verdict: decideVerdict({ incidents, denials, culler, findings, seen, coverage: totals, count: (c) => counts.get(c) ?? 0 }),
    seen,
    incidents, denials, causes: describeCauses(counts), findings, hubStarts: story.hubStarts.map((h) => ({ ...h })), culler,
    users, inputs, totals,
  };
}
