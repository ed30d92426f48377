// The refusal causes, tried in this order: the first that recognises a refused request is its
// cause. Causes that explain a refusal by the request itself (XSRF, cross-origin, the OAuth state,
// the block list, groups, a wrong password) come before the deletions, and `unknown` is last. A
// new cause is one file and one line here, plus its id in the `denials[].cause` enum of
// schema/report-v1.schema.json (test/correlate/registries.test.ts fails until it is there).
import type { DenialCause } from '../../core/model/report.js';
import type { Cause, RefusedRequest } from './types.js';
import { xsrf } from './xsrf.js';
import { crossOrigin } from './cross-origin.js';
import { oauthState } from './oauth-state.js';
import { blocked } from './blocked.js';
import { notInGroup } from './not-in-group.js';
import { failedPassword } from './failed-password.js';
import { deletedByCuller } from './deleted-by-culler.js';
import { deletedByAdmin } from './deleted-by-admin.js';
import { notAllowed } from './not-allowed.js';
import { serviceNotAllowed } from './service-not-allowed.js';
import { spawnRefused } from './spawn-refused.js';
import { proxyApi } from './proxy-api.js';
import { token } from './token.js';
import { permission } from './permission.js';
import { noUser } from './no-user.js';
import { unknown } from './unknown.js';

export const CAUSES = [
  xsrf,
  crossOrigin,
  oauthState,
  blocked,
  notInGroup,
  failedPassword,
  deletedByCuller,
  deletedByAdmin,
  notAllowed,
  serviceNotAllowed,
  spawnRefused,
  proxyApi,
  token,
  noUser,
  permission,
  unknown,
] as const;

// The model's union of these ids (its `Registered` map is filled here; see src/core/model/report.ts).
declare module '../../core/model/report.js' {
  interface Registered {
    cause: (typeof CAUSES)[number]['id'];
  }
}

/** The cause of one refused request: the first entry that recognises it (`unknown` takes any). */
export function causeOf(r: RefusedRequest): Cause<DenialCause> {
  for (const c of CAUSES) if (c.recognise(r)) return c;
  return unknown;
}
