// Most refusals are scope or role refusals of signed-in users or services. These are not refused
// logins, so the verdict is `none`: no deletion or allow list is involved. When the culler is
// among them, its role is what to fix.
import { permission as permissionCause } from '../causes/permission.js';
import { none } from './none.js';
import { defineVerdict } from './types.js';
import { plural } from './words.js';

const CULLER_ROLE_FIX = "Give the idle culler's role the scopes it needs (`list:users`, `read:users:activity`, `read:servers`, `delete:servers`, and `admin:users` only if it must cull users): check `hub.services` and `hub.loadRoles` in the chart values, then confirm the culler's `GET /hub/api/users` lines answer 200.";

export const permission = defineVerdict({
  id: none.id,
  title: none.title,
  headline: none.headline,
  decide(v) {
    const n = v.count('permission');
    if (n === 0 || n < v.count('unknown')) return null;
    const cullerRefused = v.findings.some((f) => f.kind === 'culler-refused');
    return {
      confidence: n === v.denials.length ? 'high' : 'medium',
      summary: `No refused login is explained by a user deletion: ${plural(n, 'request')} ${n === 1 ? 'was' : 'were'} refused for lack of permission (API scopes or roles)` +
        (cullerRefused ? ", among them the idle culler's own requests: it cannot cull anything until its role is fixed." : '.'),
      remediation: cullerRefused ? [CULLER_ROLE_FIX] : [...permissionCause.remediation],
    };
  },
});
