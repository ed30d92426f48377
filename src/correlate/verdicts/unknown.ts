// Most refusals have no line in the input that explains them: say which line would have.
import { unknown as unknownCause } from '../causes/unknown.js';
import { dominant } from './dominant.js';

export const unknown = dominant(unknownCause, 'unknown', (ds) => {
  const lines = [...new Set(ds.map((d) => d.missing).filter((m) => m !== null))];
  return `These logs hold no line that explains them; what would have: ${lines.join('; ')}. Collect the hub log without a filter (\`kubectl logs deploy/hub\`), at DEBUG if the reason is still missing.`;
});
