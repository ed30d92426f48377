// The three checks as plain async functions returning a CheckResult: the CLI modules only parse
// options, call these, render and pick the exit code.
import { compareUsers, expectedFromValues, parseAllowedList, type Expected } from './allowed.js';
import { checkConfig } from './config-rules.js';
import { maskUrl, readUsers } from './db.js';
import { fetchHubUsers, type FetchLimits } from './hub-api.js';
import { CHECK_SCHEMA, type CheckResult, type CheckUser } from '../core/model/checks.js';
import { loadValues } from './values.js';
import { usageError } from '../core/errors.js';

export function runCheckConfig(files: string[]): CheckResult {
  const lv = loadValues(files);
  return { schema: CHECK_SCHEMA, command: 'check-config', sources: lv.files, findings: checkConfig(lv) };
}

export interface ExpectedOptions {
  /** Values files to take allowed_users / admin_users from (merged like helm -f). */
  allowedFrom?: string[];
  /** Comma-separated user names. */
  allowed?: string;
}

/** The expected names from --allowed-from and/or --allowed (both may be given; they add up). */
function expectedFrom(opts: ExpectedOptions): Expected | null {
  const fromValues = opts.allowedFrom?.length ? expectedFromValues(loadValues(opts.allowedFrom)) : null;
  const listed = opts.allowed !== undefined ? parseAllowedList(opts.allowed) : null;
  if (!fromValues && !listed) return null;
  return {
    allowed: [...new Set([...(fromValues?.allowed ?? []), ...(listed ?? [])])],
    admins: fromValues?.admins ?? [],
    from: [fromValues?.from, listed ? '--allowed' : null].filter(Boolean).join(' + '),
    evidence: fromValues?.evidence ?? [],
  };
}

function result(command: 'check-db' | 'check-hub', source: string, expected: Expected | null, present: CheckUser[], where: string): CheckResult {
  const { findings, users } = compareUsers(expected, present, where);
  // Sort here, not in SQL: SQLite and PostgreSQL collate differently and output must not depend on it.
  users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const r: CheckResult = { schema: CHECK_SCHEMA, command, sources: [source], findings, users };
  if (expected) r.expected = { allowed: expected.allowed, admins: expected.admins, from: expected.from };
  return r;
}

export async function runCheckDb(target: string, opts: ExpectedOptions): Promise<CheckResult> {
  const expected = expectedFrom(opts); // validate options before touching the database
  const db = await readUsers(target);
  return result('check-db', db.source, expected, db.users, 'the database');
}

export async function runCheckHub(url: string, token: string, opts: ExpectedOptions, limits: Partial<FetchLimits> = {}): Promise<CheckResult> {
  if (!url) throw usageError('--url is required (the hub API URL, e.g. http://hub:8081/hub/api)');
  const expected = expectedFrom(opts);
  // A scheduled health check without an expected list could never fail, so insist on one.
  if (!expected) throw usageError('check-hub needs the expected users: --allowed-from values.yaml or --allowed a,b,c');
  const users = await fetchHubUsers(url, token, limits);
  return result('check-hub', maskUrl(url), expected, users, 'the hub');
}
