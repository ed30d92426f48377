// The verdicts, tried in this order: the first that decides is the report's verdict, so the
// deletion stories come first, then the cause most refusals have (one rule per cause: on a tie the
// rule listed first decides), and `inconclusive`, which decides anything, last. A new verdict is
// one file and one line here, plus its id in the `verdict.rootCause` enum of
// schema/report-v1.schema.json (test/correlate/registries.test.ts fails until it is there).
import type { Totals, Verdict } from '../../core/model/report.js';
import type { VerdictBody, VerdictInput } from './types.js';
import { understoodShare } from '../../core/coverage.js';
import { plural } from './words.js';
import { cullerDeletedUsers } from './culler-deleted-users.js';
import { adminDeletedUsers } from './admin-deleted-users.js';
import { none } from './none.js';
import { dominant } from './dominant.js';
import { usersNotAllowed } from './users-not-allowed.js';
import { unknown } from './unknown.js';
import { inconclusive } from './inconclusive.js';
import { failedPassword } from '../causes/failed-password.js';
import { blocked } from '../causes/blocked.js';
import { notInGroup } from '../causes/not-in-group.js';
import { xsrf } from '../causes/xsrf.js';
import { crossOrigin } from '../causes/cross-origin.js';
import { oauthState } from '../causes/oauth-state.js';
import { serviceNotAllowed } from '../causes/service-not-allowed.js';
import { spawnRefused } from '../causes/spawn-refused.js';
import { proxyApi } from '../causes/proxy-api.js';
import { token } from '../causes/token.js';
import { permission } from '../causes/permission.js';
import { noUser } from '../causes/no-user.js';

export const VERDICTS = [
  cullerDeletedUsers,
  adminDeletedUsers,
  none,
  dominant(failedPassword, failedPassword.id),
  usersNotAllowed,
  dominant(blocked, blocked.id),
  dominant(notInGroup, notInGroup.id),
  dominant(xsrf, xsrf.id),
  dominant(crossOrigin, crossOrigin.id),
  dominant(oauthState, oauthState.id),
  dominant(serviceNotAllowed, serviceNotAllowed.id),
  dominant(spawnRefused, spawnRefused.id),
  dominant(proxyApi, proxyApi.id),
  dominant(token, token.id),
  dominant(permission, permission.id),
  dominant(noUser, noUser.id),
  unknown,
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
    if (body) return { rootCause: rule.id, title: rule.title, ...withCoverage(body, v.coverage) };
  }
  throw new Error('no verdict decided: the last one, inconclusive, must decide every case');
}

/**
 * Of several hubs' verdicts, the one that says most: the first in registry order, but `none` after
 * every other, since one hub's all-clear clears no other hub.
 */
export function mostTelling(verdicts: readonly Verdict[]): Verdict {
  const rank = (v: Verdict) => (v.rootCause === 'none' ? VERDICTS.length : VERDICTS.findIndex((r) => r.id === v.rootCause));
  return verdicts.reduce((best, v) => (rank(v) < rank(best) ? v : best));
}

// A verdict rests on the lines that were read. When a log's records were not all understood, the
// missed lines may hold the refusal or the deletion that would change it: more than a few, and the
// confidence drops one step; more than half, and it is low.
const FEW_MISSED = 0.05;

function withCoverage(body: VerdictBody, t: Totals): VerdictBody {
  const share = understoodShare(t);
  if (share === null || share >= 1 - FEW_MISSED) return body;
  const confidence = share < 0.5 ? 'low' : body.confidence === 'high' ? 'medium' : 'low';
  if (confidence === body.confidence) return body;
  return { ...body, confidence, summary: `${body.summary} ${plural(t.unparsed, 'line')} of log records (${Math.round((1 - share) * 100)}%) were not understood: what they say is not in this verdict.` };
}
