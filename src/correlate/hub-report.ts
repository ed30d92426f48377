// A report of several hubs: each hub's section is the report of its own inputs, correlated on their
// own, and the body is all of them together for readers of one report: incidents, refusals and
// findings side by side, never one made of two hubs' lines.
import type { CullerSummary, Denial, HubIdentity, HubReport, InputSummary, Report, Verdict } from '../core/model/report.js';
import type { HubGroup } from './hubs.js';
import { seenOf } from './sufficiency.js';
import { countCauses, describeCauses } from './report.js';
import { mostTelling } from './verdicts/index.js';
import { bySeverity } from './findings/index.js';

/** The report with the one-hub note: which inputs were read as one hub's log, and why. */
export function withOneHub<R extends Report | HubReport>(report: R, group: Pick<HubGroup, 'inputs' | 'together'>): R {
  const read = group.inputs.filter((name) => report.inputs.some((i) => i.source === name && i.parsed > 0));
  if (read.length < 2) return report;
  return { ...report, seen: { ...report.seen, oneHubAssumed: read, oneHubBecause: group.together } };
}

/** A name for each hub that tells it from the others: its namespace or host, else its first input. */
function names(groups: readonly HubGroup[]): string[] {
  const base = groups.map((g) => g.namespace ?? g.host ?? g.inputs[0]);
  return base.map((n, i) => (base.indexOf(n) === base.lastIndexOf(n) ? n : `${n} (${groups[i].inputs[0]})`));
}

/**
 * The report of several hubs: `hubs` in the order of their first input, and a body that holds them
 * all. `inputs` are every input's rows in the order given (those no hub holds among them).
 */
export function combineHubs(parts: ReadonlyArray<{ group: HubGroup; report: Report }>, inputs: readonly InputSummary[], window: { since?: number; until?: number }): Report {
  const label = names(parts.map((p) => p.group));
  const hubs: HubReport[] = parts.map(({ group, report }, k) => {
    const { schema: _schema, tool: _tool, hubs: _hubs, ...body } = withOneHub(report, group);
    const hub: HubIdentity = { name: label[k], namespace: group.namespace, host: group.host, inputs: group.inputs, apart: group.apart, assumed: group.assumed };
    return { hub, ...body };
  });
  const incidents = hubs.flatMap((h) => h.incidents);
  const denials: Denial[] = [];
  let offset = 0;
  for (const h of hubs) {
    for (const d of h.denials) denials.push(d.incident === null ? d : { ...d, incident: d.incident + offset });
    offset += h.incidents.length;
  }
  // Most severe first, each hub's in its own order among equals (the order a report lists them).
  const findings = bySeverity(hubs.flatMap((h) => h.findings));
  const hubStarts = hubs.flatMap((h) => h.hubStarts).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const culler = cullerOf(hubs.map((h) => h.culler));
  const totals = hubs.reduce((t, h) => ({
    lines: t.lines + h.totals.lines, parsed: t.parsed + h.totals.parsed, unparsed: t.unparsed + h.totals.unparsed,
    artifacts: t.artifacts + h.totals.artifacts, fragments: t.fragments + h.totals.fragments, duplicates: t.duplicates + h.totals.duplicates,
  }), { lines: 0, parsed: 0, unparsed: 0, artifacts: 0, fragments: 0, duplicates: 0 });
  // What no hub's section counts: inputs no hub holds, and the lines naming no hub of an input split by hub.
  for (const i of inputs) {
    const inHubs = hubs.flatMap((h) => h.inputs.filter((r) => r.source === i.source));
    const rest = (k: 'lines' | 'unparsed' | 'artifacts' | 'fragments') => i[k] - inHubs.reduce((n, r) => n + r[k], 0);
    totals.lines += rest('lines');
    totals.unparsed += rest('unparsed');
    totals.artifacts += rest('artifacts');
    totals.fragments += rest('fragments');
  }
  return {
    schema: parts[0].report.schema,
    tool: parts[0].report.tool,
    verdict: verdictOf(hubs),
    seen: seenOf(inputs, totals, hubStarts, culler, window),
    incidents, denials, causes: describeCauses(countCauses(denials)), findings, hubStarts, culler, inputs: [...inputs], totals,
    hubs,
  };
}

/** The verdict that says most: the first in registry order, an all-clear only when every hub is clear. */
function verdictOf(hubs: readonly HubReport[]): Verdict {
  const first = mostTelling(hubs.map((h) => h.verdict));
  const h = hubs.find((x) => x.verdict === first)!;
  const others = hubs.filter((x) => x !== h).map((x) => `${x.hub.name}: ${x.verdict.rootCause} (${x.verdict.confidence})`);
  return { ...first, summary: `${hubs.length} hubs, each correlated on its own. ${h.hub.name}: ${first.summary} Other hubs: ${others.join('; ')}.` };
}

/** The culler as the hubs saw it: a setting is given only when every hub that saw it agrees. */
function cullerOf(cs: readonly CullerSummary[]): CullerSummary {
  const seen = cs.filter((c) => c.seen);
  const agreed = <K extends 'cullsUsers' | 'timeoutSeconds' | 'everySeconds'>(k: K): CullerSummary[K] | null => {
    const values = new Set(seen.map((c) => c[k]));
    return values.size === 1 ? [...values][0] : null;
  };
  const inferred = [...new Set(seen.flatMap((c) => c.inferred ?? []))];
  return {
    seen: seen.length > 0,
    cullsUsers: seen.some((c) => c.cullsUsers === true) ? true : agreed('cullsUsers'),
    timeoutSeconds: agreed('timeoutSeconds'),
    everySeconds: agreed('everySeconds'),
    ...(inferred.length > 0 ? { inferred } : {}),
    evidence: cs.flatMap((c) => c.evidence),
  };
}
