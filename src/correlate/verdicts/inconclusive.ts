// Refusals no story explains. Last in the registry: it decides whatever reaches it.
import { defineVerdict } from './types.js';
import { plural } from './words.js';

export const inconclusive = defineVerdict({
  id: 'inconclusive',
  title: 'Refused requests without a recognisable cause',
  headline: 'Inconclusive',
  decide: (v) => ({
    confidence: 'low',
    summary: `${plural(v.denials.length, 'refused request')} could not be tied to a cause (no deletion, allow-list or XSRF line explains them). Collect the hub log with DEBUG (\`hub.extraConfig\`: \`c.JupyterHub.log_level = "DEBUG"\`) over the next refusals.`,
    remediation: [],
  }),
});
