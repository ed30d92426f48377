// The verdicts, tried in this order: the first that decides is the report's verdict, so the
// deletion stories come first and `inconclusive`, which decides anything, last. A new verdict is
// one file and one line here, plus its id in the `verdict.rootCause` enum of
// schema/report-v1.schema.json (test/correlate/registries.test.ts fails until it is there).
import type { Verdict } from '../../core/model/report.js';
import type { VerdictInput } from './types.js';
import { cullerDeletedUsers } from './culler-deleted-users.js';
import { adminDeletedUsers } from './admin-deleted-users.js';
import { none } from './none.js';
import { usersNotAllowed } from './users-not-allowed.js';
import { xsrf } from './xsrf.js';
import { permission } from './permission.js';
import { inconclusive } from './inconclusive.js';

export const VERDICTS = [
  cullerDeletedUsers,
  adminDeletedUsers,
  none,
  usersNotAllowed,
  xsrf,
  permission,
  inconclusive,
] as const;

// The model's union of these ids (its `Registered` map is filled here; see src/core/model/report.ts).
declare module '../../core/model/report.js' {
  interface Registered {
    verdict: (typeof VERDICTS)[number]['id'];
  }
}

export function decideVerdict(v: VerdictInput): Verdict {
  for (const rule of VERDICTS) {
    const body = rule.decide(v);
    if (body) return { rootCause: rule.id, title: rule.title, headline: rule.headline, ...body };
  }
  throw new Error('no verdict decided: the last one, inconclusive, must decide every case');
}
