// What `watch` tells as it reads: one alert per step of the incident story (docs/watch-alerts.md).
import type { DenialCause, Evidence, Incident, SpawnFailureReason } from './report.js';

export type Alert =
  | { kind: 'user-deleted'; at: string; user: string; deletedBy: Incident['deletedBy']; actor: string | null; inactiveFor: string | null; incident: number; evidence: Evidence[] }
  /** `cause` and `title`: the refusal's cause and its registry title, as the report names it. */
  | { kind: 'denied-after-deletion'; at: string; cause: DenialCause; title: string; user: string; deletedAt: string; deletedBy: Incident['deletedBy']; actor: string | null; incident: number; evidence: Evidence[] }
  | { kind: 'hub-restarted'; at: string; version: string | null; restoredUsers: string[]; evidence: Evidence[] }
  /** `title`: the registry title of the finding the report makes of it (`pattern-recurred`). */
  | { kind: 'recurrence'; at: string; title: string; user: string; restartAt: string; evidence: Evidence[] }
  /** A spawn failed: `reason` as the report's story step, `detail` the hub's words. */
  | { kind: 'spawn-failed'; at: string; user: string; reason: SpawnFailureReason; detail: string; evidence: Evidence[] }
  /** A user's server crashed `crashes` times since `since`, within the hour. */
  | { kind: 'crash-loop'; at: string; user: string; crashes: number; since: string; evidence: Evidence[] };
