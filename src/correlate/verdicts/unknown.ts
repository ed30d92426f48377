// Most refusals have no line in the input that explains them: say which line would have.
import type { Denial } from '../../core/model/report.js';
import { unknown as unknownCause } from '../causes/unknown.js';
import { dominant } from './dominant.js';

/** The line that explains a refusal of this kind, had the input kept it. */
function wanted(d: Denial): string {
  const p = d.path ?? '';
  if (d.component === 'culler') return "the hub's access line of the culler's request (`403 GET /hub/api/users (<culler>@…)`) and the scope line before it";
  if (d.component === 'singleuser') return "the single-user server's warning just before its refusal (at its default log level)";
  if (p.includes('callback')) return "the authenticator's line just before the 403 (`User '<name>' not allowed.`, a group, domain or state check)";
  if (p.endsWith('/login')) return 'the `Failed login for <name>` or `not allowed` line just before it';
  if (p.includes('/api/')) return "JupyterHub's `Not authorizing access to …` scope line or tornado's `web:` warning of the same request";
  return "tornado's `web:` warning and the reason line just before the access line";
}

export const unknown = dominant(unknownCause, 'unknown', (ds) => {
  const lines = [...new Set(ds.map(wanted))];
  return `These logs hold no line that explains them; what would have: ${lines.join('; ')}. Collect the hub log without a filter (\`kubectl logs deploy/hub\`), at DEBUG if the reason is still missing.`;
});
