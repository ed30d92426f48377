// Nothing refused and nobody deleted.
import { defineVerdict } from './types.js';

export const none = defineVerdict({
  id: 'none',
  title: 'No refused logins explained by user deletions',
  headline: 'No incident found',
  decide(v) {
    if (v.denials.length > 0) return null;
    return {
      confidence: 'high',
      summary: v.culler.seen && v.culler.cullsUsers === false
        ? 'No refused logins and no user deletions: the culler culls idle servers only.'
        : 'No refused logins and no user deletions in these logs.',
      remediation: [],
    };
  },
});
