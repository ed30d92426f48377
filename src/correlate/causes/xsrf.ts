// tornado's XSRF check refused the request: the browser's token and cookie disagree. This explains
// the refusal even of a deleted user, so it is tried before the deletions.
import { defineCause } from './types.js';

export const xsrf = defineCause({
  id: 'xsrf',
  recognise: (r) => r.webMessage !== null && /xsrf/i.test(r.webMessage),
  joinsIncident: false,
  title: 'XSRF check failed',
  explanation: "The request's `_xsrf` token was missing or did not match its cookie: a stale login page, blocked cookies, or a proxy that drops cookies.",
  remediation: ['Ask affected users to reload the login page and allow cookies for the hub; check that the ingress keeps the `_xsrf` cookie.'],
  severity: 'warning',
});
