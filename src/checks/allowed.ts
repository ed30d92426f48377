// Compare who should be able to log in (allow list + admins) with who is in the hub's user table.
// JupyterHub adds every allowed user and admin to its database at startup, so a name from the
// config that is missing from the table was deleted after the last start — and because deletion
// also drops it from the in-memory allow list, that person is refused until the next restart.
import type { Evidence } from '../core/model/report.js';
import { plural } from '../core/text.js';
import { authValues } from './auth-values.js';
import type { CheckFinding, CheckUser } from '../core/model/checks.js';
import type { LoadedValues } from './values.js';
import { inputError, usageError } from '../core/errors.js';

export interface Expected {
  allowed: string[];
  admins: string[];
  /** Where the names came from: a values file list, `--allowed`, or null. */
  from: string | null;
  evidence: Evidence[];
}

/** `--allowed a,b,c` → names, lower-cased like JupyterHub's default normalize_username. */
export function parseAllowedList(s: string): string[] {
  const list = s.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (list.length === 0) throw usageError('--allowed needs at least one user name (comma-separated)');
  return [...new Set(list)];
}

export function expectedFromValues(lv: LoadedValues): Expected {
  const a = authValues(lv);
  if (a.allowedUsers.length === 0 && a.adminUsers.length === 0) {
    throw inputError(lv.files.join(', '), 'no allowed_users / whitelist or admin_users found in these values');
  }
  const evidence = a.rules.filter((r) => r.kind === 'names').map((r) => r.evidence).filter((e): e is Evidence => e !== null);
  return { allowed: a.allowedUsers, admins: a.adminUsers, from: lv.files.join(', '), evidence };
}

export interface Comparison {
  findings: CheckFinding[];
  users: CheckUser[];
}

/** `where` names the user table in messages: "the database" or "the hub". */
export function compareUsers(expected: Expected | null, present: CheckUser[], where: string): Comparison {
  const byName = new Map(present.map((u) => [u.name.toLowerCase(), u]));
  const admins = new Set(expected?.admins ?? []);
  const allowed = new Set(expected?.allowed ?? []);
  const users = present.map((u): CheckUser => {
    const n = u.name.toLowerCase();
    const status = !expected ? 'unchecked' : admins.has(n) ? 'admin' : allowed.has(n) ? 'allowed' : 'not-allowed';
    return { ...u, status };
  });
  const findings: CheckFinding[] = [];
  if (!expected) return { findings, users };

  const missingAllowed = [...allowed].filter((n) => !admins.has(n) && !byName.has(n)).sort();
  const missingAdmins = [...admins].filter((n) => !byName.has(n)).sort();
  const restart = 'Restart the hub (kubectl rollout restart deploy/hub) to reload the allow list and re-create them; ' +
    'set `cull.users: false` so the culler does not delete them again.';
  if (missingAllowed.length) {
    findings.push({
      kind: 'allowed-user-missing',
      severity: 'error',
      at: null,
      summary:
        `${plural(missingAllowed.length, 'allowed user')} missing from ${where}: ${missingAllowed.join(', ')}. ` +
        'JupyterHub adds every allowed user at startup, so they were deleted since the hub last started ' +
        '(idle culler with cull.users, or an admin); deletion also removed them from the in-memory allow list, ' +
        'so their logins are refused until the hub restarts.',
      fix: restart,
      users: missingAllowed,
      evidence: expected.evidence,
    });
  }
  if (missingAdmins.length) {
    findings.push({
      kind: 'admin-missing',
      severity: 'error',
      at: null,
      summary:
        `${plural(missingAdmins.length, 'admin user')} missing from ${where}: ${missingAdmins.join(', ')}. ` +
        'Admins are added at startup too, so they were deleted since the hub last started; depending on the ' +
        'authenticator they are refused or come back without what was granted at runtime until the hub restarts.',
      fix: restart,
      users: missingAdmins,
      evidence: [],
    });
  }
  if (allowed.size > 0) {
    const extra = users.filter((u) => u.status === 'not-allowed').map((u) => u.name).sort();
    if (extra.length) {
      findings.push({
        kind: 'user-not-allowed',
        severity: 'warning',
        at: null,
        summary:
          `${plural(extra.length, 'user')} in ${where} ${extra.length === 1 ? 'is' : 'are'} not in the allow list: ${extra.join(', ')}. ` +
          'They were removed from the config, added at runtime (admin page, allow_existing_users), or got in ' +
          'while the allow list was empty (JupyterHub <= 4 admits anyone once every allowed user was deleted).',
        fix: 'Add them to allowed_users if they should keep access, or delete them (admin page / DELETE /hub/api/users/<name>).',
        users: extra,
        evidence: expected.evidence,
      });
    }
  }
  return { findings, users };
}
