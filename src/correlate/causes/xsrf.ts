// tornado's or JupyterHub's XSRF check refused the request: the browser's token and cookie
// disagree. This explains the refusal even of a deleted user, so it is tried before the deletions.
import { defineCause, says } from './types.js';

export const xsrf = defineCause({
  id: 'xsrf',
  recognise: (r) => says(r, 'xsrf') || (r.webMessage !== null && /xsrf|Login form invalid or expired/i.test(r.webMessage)),
  joinsIncident: false,
  title: 'XSRF check failed',
  explanation: "The request's `_xsrf` token was missing or did not match its cookie: a stale login page or tab, blocked cookies, or a proxy that drops cookies.",
  remediation: [
    'Ask affected users to reload the page (a login form left open expires) and allow cookies for the hub.',
    'Check that the ingress or proxy in front of the hub keeps the `_xsrf` cookie and passes `Sec-Fetch-*` headers; single-user images with JupyterHub 4.1.0 need 4.1.1 or later for proxied apps.',
  ],
  severity: 'warning',
  story: { title: 'Refused requests are XSRF token failures' },
});
