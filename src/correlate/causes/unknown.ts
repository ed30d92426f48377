// Last in the registry: what no other cause explains. A refused user who had been deleted (by an
// actor the log does not name) still counts in that deletion's incident.
import { defineCause, type RefusedRequest } from './types.js';

/** The line that explains a refusal of this kind, had the input kept it. */
function missing(r: RefusedRequest): string {
  const p = r.path ?? '';
  if (r.component === 'culler') return "the hub's access line of the culler's request (`403 GET /hub/api/users (<culler>@…)`) and the scope line before it";
  if (r.component === 'singleuser') return "the single-user server's warning just before its refusal (at its default log level)";
  if (p.includes('callback')) return "the authenticator's line just before the 403 (`User '<name>' not allowed.`, a group, domain or state check)";
  if (p.endsWith('/login')) return 'the `Failed login for <name>` or `not allowed` line just before it';
  if (p.includes('/api/')) return "JupyterHub's `Not authorizing access to …` scope line or tornado's `web:` warning of the same request";
  return "tornado's `web:` warning and the reason line just before the access line";
}

export const unknown = defineCause({
  id: 'unknown',
  recognise: () => true,
  joinsIncident: true,
  title: 'Cause not recognised',
  explanation: 'No line of the log explains this refusal: no allow-list, block-list, XSRF, scope or token line belongs to the request, and no deletion by the culler or an admin came before it.',
  remediation: ['Collect the hub log with DEBUG (`hub.extraConfig`: `c.JupyterHub.log_level = "DEBUG"`) over the next refusals, without a filter: the reason is logged next to the refused request.'],
  severity: 'warning',
  missing,
  story: { title: 'Refused requests without a recognisable cause' },
});
