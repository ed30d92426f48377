import type { HubEvent } from '../core/model/events.js';
import type { Evidence } from '../core/model/report.js';
import { flatString } from './strings.js';

/** A line a report shows. Its text is copied: an event's text may be a slice of a much bigger string. */
export function evidenceOf(ev: HubEvent): Evidence {
  return { source: ev.source, line: ev.line, text: flatString(ev.raw) };
}
