import type { HubEvent } from '../events.js';
import type { Evidence } from '../report/model.js';

export function evidenceOf(ev: HubEvent): Evidence {
  return { source: ev.source, line: ev.line, text: ev.raw };
}
