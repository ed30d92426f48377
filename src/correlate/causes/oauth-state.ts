// The OAuth callback's state did not match the state cookie, or one of them was missing: two
// logins racing in one browser, a cookie dropped on the way, or a callback opened twice.
import { defineCause, says } from './types.js';

export const oauthState = defineCause({
  id: 'oauth-state',
  recognise: (r) => says(r, 'oauth-state') || (r.webMessage !== null && /oauth state|state missing|callback made without a (?:code|token)/i.test(r.webMessage)),
  joinsIncident: false,
  title: 'OAuth state missing or mismatched',
  explanation: 'The OAuth callback arrived with a state that its state cookie does not hold (or without the cookie): several login tabs or redirects racing, a callback URL reused from the history, or a cookie the browser or a proxy dropped.',
  remediation: [
    'Ask affected users to close the other login tabs and log in again from the start page.',
    'If it happens to everyone, check that the proxy keeps cookies on the callback (cookie path and `SameSite`, one host name for the whole login) and that the clocks agree.',
  ],
  severity: 'warning',
  story: { title: 'Refused logins are OAuth state mismatches' },
});
