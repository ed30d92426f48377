// The finding kinds. Each observer sees every story step; the report lists their findings most
// severe first, in this order among equals. A new finding is one file and one line here.
import type { Finding, FindingKind } from '../../core/model/report.js';
import type { FindingContext, FindingObserver } from './types.js';
import { allowListEmptied } from './allow-list-emptied.js';
import { patternRecurred } from './pattern-recurred.js';
import { cullerRefused } from './culler-refused.js';
import { homeVolumesDeleted } from './home-volumes-deleted.js';
import { clockSkew } from './clock-skew.js';
import { outOfOrder } from './out-of-order.js';
import { reflectorStopped } from './reflector-stopped.js';
import { spawnFailures } from './spawn-failures.js';
import { serversCrashed } from './servers-crashed.js';
import { serversStuck } from './servers-stuck.js';
import { routesLost } from './routes-lost.js';

export const FINDINGS = [
  allowListEmptied,
  patternRecurred,
  cullerRefused,
  homeVolumesDeleted,
  reflectorStopped,
  spawnFailures,
  serversCrashed,
  serversStuck,
  routesLost,
  outOfOrder,
  clockSkew,
] as const;

// The model's union of these ids (its `Registered` map is filled here; see src/core/model/report.ts).
declare module '../../core/model/report.js' {
  interface Registered {
    finding: (typeof FINDINGS)[number]['kind'];
  }
}

const SEVERITY_ORDER = { critical: 0, error: 1, warning: 2, info: 3 } as const;

/** One fresh observer per registered kind, for one run of the correlator. */
export function startFindings(): FindingObserver<FindingKind>[] {
  return FINDINGS.map((f) => f.start());
}

const TITLES = new Map<string, string>(FINDINGS.map((f) => [f.kind, f.title]));

/** The findings of a finished run, most severe first (registry order among equals). */
export function finishFindings(observers: readonly FindingObserver<FindingKind>[], ctx: FindingContext): Finding[] {
  // The title right after the kind, where a reader of the JSON looks for it.
  const titled = ({ kind, ...rest }: Omit<Finding, 'title'>): Finding => ({ kind, title: TITLES.get(kind)!, ...rest });
  return bySeverity(observers.flatMap((o) => o.finish(ctx)).map(titled));
}

/** Most severe first; the sort is stable, so equals keep the order they came in. */
export function bySeverity(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
