// What `watch` tells as it reads: one alert per step of the incident story (docs/watch-alerts.md).
import type { Evidence, Incident } from './report.js';

export type Alert =
  | { kind: 'user-deleted'; at: string; user: string; deletedBy: Incident['deletedBy']; actor: string | null; inactiveFor: string | null; incident: number; evidence: Evidence[] }
  | { kind: 'denied-after-deletion'; at: string; user: string; deletedAt: string; deletedBy: Incident['deletedBy']; actor: string | null; incident: number; evidence: Evidence[] }
  | { kind: 'hub-restarted'; at: string; version: string | null; restoredUsers: string[]; evidence: Evidence[] }
  | { kind: 'recurrence'; at: string; user: string; restartAt: string; evidence: Evidence[] };
