// Most refusals are XSRF failures, and no deletion explains them.
import { xsrf as xsrfCause } from '../causes/xsrf.js';
import { defineVerdict } from './types.js';
import { plural } from './words.js';

export const xsrf = defineVerdict({
  id: 'xsrf',
  title: 'Refused requests are XSRF token failures',
  headline: 'Requests failed the XSRF check',
  decide(v) {
    const n = v.count('xsrf');
    if (n === 0 || n < v.count('unknown')) return null;
    return {
      confidence: n === v.denials.length ? 'high' : 'medium',
      summary: `${plural(n, 'request')} were refused for a missing or mismatched '_xsrf' token: stale login pages, blocked cookies, or a proxy that drops cookies. No user deletions explain them.`,
      remediation: [...xsrfCause.remediation],
    };
  },
});
