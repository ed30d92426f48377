// The result every check command renders (schema hubsleuth.check/v1). Findings have the report
// model's fields so `analyze` and the checks share one vocabulary and one set of reporters' ideas.
import type { FindingFields } from './report.js';

export const CHECK_SCHEMA = 'hubsleuth.check/v1';

export type CheckCommand = 'check-config' | 'check-db' | 'check-hub';

export type CheckFindingKind =
  | 'cull-users-with-allow-list'
  | 'cull-admin-users'
  | 'cull-timeout-shorter-than-every'
  | 'cull-max-age'
  | 'hub-db-sqlite-memory'
  | 'allowed-user-missing'
  | 'admin-missing'
  | 'user-not-allowed';

/** A Finding plus the remedy: checks are read before an incident, so they must say what to change. */
export interface CheckFinding extends FindingFields {
  kind: CheckFindingKind;
  /** What to change to make the finding go away (chart values, a restart, …). */
  fix?: string;
}

/** One row of the hub's user table, as read from the database or the REST API. */
export interface CheckUser {
  name: string;
  admin: boolean | null;
  /** ISO 8601 UTC, null when unknown (e.g. a token without `read:users`). */
  created: string | null;
  lastActivity: string | null;
  /** Compared against the allow list from values / --allowed, when one was given. */
  status?: 'allowed' | 'admin' | 'not-allowed' | 'unchecked';
}

export interface CheckResult {
  schema: typeof CHECK_SCHEMA;
  command: CheckCommand;
  /** What was checked, as the user named it (files, a database with its password masked, a URL). */
  sources: string[];
  findings: CheckFinding[];
  users?: CheckUser[];
  /** Names expected in the user table (allow list + admins), when known. */
  expected?: { allowed: string[]; admins: string[]; from: string | null };
}
