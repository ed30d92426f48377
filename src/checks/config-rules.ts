// Rules over merged z2jh values. Each rule reads like the incident it prevents. Chart defaults
// are applied exactly as the chart's jupyterhub_config.py applies them (`if get_config(...)`,
// i.e. Python truthiness).
import type { Evidence } from '../core/model/report.js';
import { authValues, dotted, truthy, type AllowRule } from './auth-values.js';
import type { CheckFinding } from '../core/model/checks.js';
import type { LoadedValues } from './values.js';

// values.yaml defaults of the chart (all versions that have these keys).
const CULL_DEFAULTS = { enabled: true, users: false, timeout: 3600, every: 600, adminUsers: true, maxAge: 0 } as const;

// jupyterhub-idle-culler's own defaults, used when the chart passes no flag (value 0 / empty).
const CULLER_TIMEOUT_DEFAULT = 600;

interface Setting {
  value: unknown;
  set: boolean;
  evidence: Evidence | null;
}

function setting(lv: LoadedValues, path: string[], dflt: unknown): Setting {
  const v = lv.get(path);
  return v === undefined ? { value: dflt, set: false, evidence: null } : { value: v, set: true, evidence: lv.locate(path) };
}

function seconds(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 0;
}

const ev = (...xs: Array<Evidence | null>): Evidence[] => xs.filter((x): x is Evidence => x !== null);

function describeRules(rules: AllowRule[]): string {
  return rules.map((r) => dotted(r.path)).join(', ');
}

export function checkConfig(lv: LoadedValues): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const enabled = setting(lv, ['cull', 'enabled'], CULL_DEFAULTS.enabled);
  const users = setting(lv, ['cull', 'users'], CULL_DEFAULTS.users);
  const adminUsers = setting(lv, ['cull', 'adminUsers'], CULL_DEFAULTS.adminUsers);
  const timeout = setting(lv, ['cull', 'timeout'], CULL_DEFAULTS.timeout);
  const every = setting(lv, ['cull', 'every'], CULL_DEFAULTS.every);
  const maxAge = setting(lv, ['cull', 'maxAge'], CULL_DEFAULTS.maxAge);
  const auth = authValues(lv);
  // Show allow rules in file order, so the evidence reads top to bottom like the values files.
  const order = (e: Evidence | null) => (e ? lv.files.indexOf(e.source) * 1e6 + e.line : Infinity);
  auth.rules.sort((a, b) => order(a.evidence) - order(b.evidence));

  // `cull.enabled: false` removes the culler service, so none of the culler rules apply.
  if (truthy(enabled.value)) {
    const cullsUsers = truthy(users.value);
    if (cullsUsers && auth.rules.length > 0 && !auth.allowAll) {
      const nameRules = auth.rules.filter((r) => r.kind === 'names');
      findings.push({
        kind: 'cull-users-with-allow-list',
        severity: 'error',
        at: null,
        summary:
          `cull.users is true and logins are limited by an allow list (${describeRules(auth.rules)}). ` +
          'The idle culler deletes inactive users (DELETE /hub/api/users/<name>); deleting a user also removes ' +
          "the name from the authenticator's in-memory allowed_users set, so that person's next login is refused " +
          "(\"User '<name>' not allowed.\", 403) until the hub restarts and re-reads the config. " +
          'In chart >= 1.0 the deletion also deletes the home volume (PVC).',
        fix:
          'Set `cull.users: false` (idle servers are still stopped; user records and allow-list entries stay). ' +
          'Then restart the hub once (kubectl rollout restart deploy/hub) to restore access for users already deleted.',
        ...(nameRules.length && auth.allowedUsers.length ? { users: auth.allowedUsers } : {}),
        evidence: ev(users.evidence, enabled.evidence, ...auth.rules.map((r) => r.evidence)),
      });
    }
    if (cullsUsers && truthy(adminUsers.value)) {
      findings.push({
        kind: 'cull-admin-users',
        severity: 'warning',
        at: null,
        summary:
          `cull.users is true and cull.adminUsers is ${adminUsers.set ? 'true' : 'not set (chart default true)'}: ` +
          'admin users are culled too, and a culled admin is deleted with their server, home volume and any ' +
          'admin role granted at runtime.',
        fix: 'Set `cull.users: false`; if you must cull users, set `cull.adminUsers: false` (chart >= 2.0.0; older charts cannot exempt admins).',
        ...(auth.adminUsers.length ? { users: auth.adminUsers } : {}),
        evidence: ev(users.evidence, adminUsers.evidence),
      });
    }
    // The chart passes --timeout / --cull-every only when truthy; otherwise the culler's defaults apply
    // (timeout 600 s, cull-every = timeout // 2).
    const t = seconds(timeout.value) || CULLER_TIMEOUT_DEFAULT;
    const e = seconds(every.value) || Math.floor(t / 2);
    if (t < e) {
      findings.push({
        kind: 'cull-timeout-shorter-than-every',
        severity: 'warning',
        at: null,
        summary:
          `cull.timeout (${t} s) is shorter than cull.every (${e} s): the culler looks only every ${e} s, so ` +
          `"idle for ${t} s" really means anywhere between ${t} and ${t + e} s. The two values are often swapped by mistake.`,
        fix: 'Make cull.every smaller than cull.timeout (the chart defaults are timeout 3600, every 600).',
        evidence: ev(timeout.evidence, every.evidence),
      });
    }
    const age = seconds(maxAge.value);
    if (age > 0) {
      findings.push({
        kind: 'cull-max-age',
        severity: 'warning',
        at: null,
        summary:
          `cull.maxAge is ${age} s: servers older than that are culled even while in use` +
          (cullsUsers ? ', and with cull.users every user older than that is deleted regardless of activity.' : '.'),
        fix: 'Set `cull.maxAge: 0` unless forced restarts of active servers are intended' + (cullsUsers ? ', and `cull.users: false`.' : '.'),
        evidence: ev(maxAge.evidence, cullsUsers ? users.evidence : null),
      });
    }
  }

  const dbType = setting(lv, ['hub', 'db', 'type'], 'sqlite-pvc');
  if (dbType.value === 'sqlite-memory') {
    findings.push({
      kind: 'hub-db-sqlite-memory',
      severity: 'error',
      at: null,
      summary:
        'hub.db.type is sqlite-memory: the hub database lives in memory, so every hub restart loses all user ' +
        'records, tokens and server state; users added at runtime (admin page, allow_existing_users) disappear.',
      fix: 'Use `hub.db.type: sqlite-pvc` (the default) or an external database (`mysql` / `postgres` with hub.db.url).',
      evidence: ev(dbType.evidence),
    });
  }
  return findings;
}
