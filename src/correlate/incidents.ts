// The correlator's own record of one deletion of a user and what followed it. Only the correlator
// writes these; the report's Incident objects are made from them once, at the end (report.ts), so
// nothing a reporter or an alert holds changes under it.
import type { HubEvent } from '../core/model/events.js';
import type { Evidence, Incident } from '../core/model/report.js';
import { evidenceOf } from './evidence.js';

// The deletion (culler line, DELETE, PVC), the first refusal (its two lines) and the return: enough
// to follow the story in the log, and bounded for archives with tens of thousands of incidents.
const MAX_EVIDENCE = 6;

export interface IncidentRecord {
  user: string;
  deletedAt: string;
  deletedBy: Incident['deletedBy'];
  actor: string | null;
  inactiveFor: string | null;
  denials: number;
  firstDeniedAt: string | null;
  /** Log time of the latest denial, NaN when it had none; written out as a time once, at the end. */
  lastDeniedT: number | null;
  restoredAt: string | null;
  restoredBy?: 'login' | 'restart';
  evidence: Evidence[];
}

export function addEvidence(rec: IncidentRecord, ev: HubEvent, front: boolean): void {
  if (rec.evidence.length >= MAX_EVIDENCE) return;
  if (rec.evidence.some((e) => e.source === ev.source && e.line === ev.line)) return;
  if (front) rec.evidence.unshift(evidenceOf(ev));
  else rec.evidence.push(evidenceOf(ev));
}
