// Most refusals come from accounts the authenticator does not allow (or blocks), none of them
// deleted before: the allow list doing its job, not the culler.
import { notAllowed } from '../causes/not-allowed.js';
import { defineVerdict } from './types.js';
import { names, plural } from './words.js';

export const usersNotAllowed = defineVerdict({
  id: 'users-not-allowed',
  title: 'Refused logins come from accounts not on the allow list',
  headline: 'Users are not on the allow list',
  decide(v) {
    const n = v.count('not-allowed') + v.count('blocked');
    const xsrf = v.count('xsrf');
    if (n === 0 || n < xsrf || n < v.count('unknown')) return null;
    const users = [...v.denials].filter((d) => d.cause === 'not-allowed' || d.cause === 'blocked').map((d) => d.user ?? '?');
    return {
      confidence: n === v.denials.length ? 'high' : 'medium',
      summary: `${plural(n, 'refused login')} came from accounts that are not on the allow list (${names(users)}); none of them had been deleted, so this is not the culler.${xsrf ? ` ${plural(xsrf, 'other refusal')} were XSRF failures.` : ''}`,
      remediation: [...notAllowed.remediation],
    };
  },
});
