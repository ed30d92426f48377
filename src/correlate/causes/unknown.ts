// Last in the registry: what no other cause explains. A refused user who had been deleted (by an
// actor the log does not name) still counts in that deletion's incident.
import { defineCause } from './types.js';

export const unknown = defineCause({
  id: 'unknown',
  recognise: () => true,
  joinsIncident: true,
  title: 'Cause not recognised',
  explanation: 'No line of the log explains this refusal: no allow-list, block-list, XSRF, scope or token line belongs to the request, and no deletion by the culler or an admin came before it.',
  remediation: ['Collect the hub log with DEBUG (`hub.extraConfig`: `c.JupyterHub.log_level = "DEBUG"`) over the next refusals, without a filter: the reason is logged next to the refused request.'],
  severity: 'warning',
  story: { title: 'Refused requests without a recognisable cause', headline: 'Cause not recognised' },
});
