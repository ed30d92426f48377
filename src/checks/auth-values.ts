// What the chart values say about who may log in: the allow rules, the allowed names and the admins.
// Two shapes exist: `hub.config.<Class>.<trait>` (chart >= 0.11.0) and the older `auth:` block
// (chart <= 0.10.x). The old keys and their meaning are taken from the chart's own migration map
// (templates/_helpers-auth-rework.tpl), which translated `auth.*` into `hub.config.*` in 0.11.0.
import type { Evidence } from '../core/model/report.js';
import { isPlainObject, type LoadedValues } from './values.js';

export type AllowKind = 'names' | 'groups' | 'domain' | 'allow-all-false' | 'existing-users';

export interface AllowRule {
  /** Key path in the values, e.g. ['hub','config','GoogleOAuthenticator','allowed_users']. */
  path: string[];
  kind: AllowKind;
  evidence: Evidence | null;
}

export interface AuthValues {
  form: 'hub.config' | 'auth' | 'none';
  rules: AllowRule[];
  /** Names from allowed_users / whitelist, lower-cased as JupyterHub normalises them by default. */
  allowedUsers: string[];
  adminUsers: string[];
  /** An explicit `allow_all: true` makes JupyterHub skip the allow list entirely. */
  allowAll: { value: true; evidence: Evidence | null } | null;
}

// Trait names (current and pre-1.2 spellings) that limit who may log in.
const NAME_TRAITS = ['allowed_users', 'whitelist'];
const GROUP_TRAITS = [
  'allowed_google_groups', 'google_group_whitelist',
  'allowed_organizations', 'github_organization_whitelist',
  'allowed_groups', 'group_whitelist',
  'allowed_gitlab_groups', 'gitlab_group_whitelist',
  'allowed_project_ids', 'gitlab_project_id_whitelist',
  'allowed_bitbucket_teams', 'bitbucket_team_whitelist',
  'allowed_teams', 'allowed_idps',
];
const DOMAIN_TRAITS = ['hosted_domain', 'allowed_domains'];
const ADMIN_TRAITS = ['admin_users'];

// Old `auth.*` keys → the kind of rule they became (from the chart's auth-rework map).
const OLD_AUTH_KEYS: Array<[string[], AllowKind | 'admins']> = [
  [['whitelist', 'users'], 'names'],
  [['allowedUsers'], 'names'],
  [['admin', 'users'], 'admins'],
  [['google', 'hostedDomain'], 'domain'],
  [['github', 'orgWhitelist'], 'groups'],
  [['github', 'allowedOrganizations'], 'groups'],
  [['gitlab', 'gitlabGroupWhitelist'], 'groups'],
  [['gitlab', 'allowedGitlabGroups'], 'groups'],
  [['gitlab', 'gitlabProjectIdWhitelist'], 'groups'],
  [['gitlab', 'allowedProjectIds'], 'groups'],
  [['ldap', 'allowedGroups'], 'groups'],
];

/** Python truthiness, because z2jh's jupyterhub_config.py tests values with plain `if`. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

function names(v: unknown): string[] {
  const list = Array.isArray(v) ? v : isPlainObject(v) ? Object.keys(v) : typeof v === 'string' ? [v] : [];
  return list.map((n) => String(n).trim().toLowerCase()).filter((n) => n.length > 0);
}

export function authValues(lv: LoadedValues): AuthValues {
  const out: AuthValues = { form: 'none', rules: [], allowedUsers: [], adminUsers: [], allowAll: null };
  const add = (path: string[], kind: AllowKind) => out.rules.push({ path, kind, evidence: lv.locate(path) });

  // Traits of one authenticator config section, wherever it sits.
  const scanTraits = (section: Record<string, unknown>, base: string[]) => {
    for (const [trait, v] of Object.entries(section)) {
      const p = [...base, trait];
      if (NAME_TRAITS.includes(trait) && truthy(v)) {
        add(p, 'names');
        out.allowedUsers.push(...names(v));
      } else if (GROUP_TRAITS.includes(trait) && truthy(v)) add(p, 'groups');
      else if (DOMAIN_TRAITS.includes(trait) && truthy(v)) add(p, 'domain');
      else if (trait === 'allow_all' && v === false) add(p, 'allow-all-false');
      else if (trait === 'allow_all' && v === true) out.allowAll = { value: true, evidence: lv.locate(p) };
      else if (trait === 'allow_existing_users' && v === true) add(p, 'existing-users');
      else if (ADMIN_TRAITS.includes(trait) && truthy(v)) out.adminUsers.push(...names(v));
    }
  };

  const hubConfig = lv.get(['hub', 'config']);
  if (isPlainObject(hubConfig)) {
    for (const [cls, section] of Object.entries(hubConfig)) {
      if (isPlainObject(section)) scanTraits(section, ['hub', 'config', cls]);
    }
    if (out.rules.length || out.adminUsers.length || out.allowAll) out.form = 'hub.config';
  }

  const auth = lv.get(['auth']);
  if (isPlainObject(auth)) {
    const before = out.rules.length + out.adminUsers.length;
    for (const [sub, kind] of OLD_AUTH_KEYS) {
      const p = ['auth', ...sub];
      const v = lv.get(p);
      if (!truthy(v)) continue;
      if (kind === 'admins') out.adminUsers.push(...names(v));
      else {
        add(p, kind);
        if (kind === 'names') out.allowedUsers.push(...names(v));
      }
    }
    // auth.type: custom passed auth.custom.config straight to the authenticator class.
    const custom = lv.get(['auth', 'custom', 'config']);
    if (isPlainObject(custom)) scanTraits(custom, ['auth', 'custom', 'config']);
    if (out.form === 'none' && (out.rules.length + out.adminUsers.length > before || lv.get(['auth', 'type']) !== undefined)) out.form = 'auth';
  }

  out.allowedUsers = [...new Set(out.allowedUsers)];
  out.adminUsers = [...new Set(out.adminUsers)];
  return out;
}

export function dotted(path: readonly string[]): string {
  return path.join('.');
}
