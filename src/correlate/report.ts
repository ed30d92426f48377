// Correlation + input statistics → the contract's Report object.
import { iso } from '../core/time.js';
import { REPORT_SCHEMA, type DenialList, type Finding, type InputSummary, type Report } from '../core/model/report.js';
import type { Correlation } from './correlator.js';
import { decideVerdict } from './verdict.js';
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
    lines: s.lines, parsed: s.parsed, unparsed: s.unparsed, first: iso(s.first), last: iso(s.last),
  };
}

export interface BuildOptions {
  /** Narrow incidents and denials to this user (attribution still uses everything). */
  user?: string;
}

export function buildReport(c: Correlation, stats: SourceStats[], merge: MergeStats, opts: BuildOptions = {}): Report {
  let incidents = c.incidents;
  let denials: DenialList = c.denials;
  const culler = c.culler.summary(incidents);
  const findings: Finding[] = c.findings.list(incidents);
  for (const s of merge.skews) {
    findings.push({
      kind: 'clock-skew', severity: 'info', at: null, evidence: [],
      summary: `The same records carry times ${Math.abs(s.ms) / 1000}s apart in ${s.a} and ${s.b}: their envelope clocks disagree; ordering across them is only as good as that.`,
    });
  }
  if (opts.user !== undefined) {
    const keep = new Map<number, number>();
    incidents = incidents.filter((inc, i) => inc.user === opts.user && keep.set(i, keep.size));
    denials = [...denials].filter((d) => d.user === opts.user).map((d) => ({ ...d, incident: d.incident === null ? null : keep.get(d.incident) ?? null }));
  }
  const inputs = stats.map(inputSummary);
  const totals = inputs.reduce((t, i) => ({ lines: t.lines + i.lines, parsed: t.parsed + i.parsed, unparsed: t.unparsed + i.unparsed, duplicates: t.duplicates }), {
    lines: 0, parsed: 0, unparsed: 0, duplicates: merge.duplicates,
  });
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'hubsleuth', version: VERSION },
    verdict: decideVerdict(incidents, denials, culler, findings),
    incidents, denials, findings, hubStarts: c.hubStarts, culler, inputs, totals,
  };
}
