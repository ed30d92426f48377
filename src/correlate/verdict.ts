// The verdict: which cause explains the refused logins, how sure we are, and what to do.
import type { CullerSummary, Denial, DenialList, Finding, Incident, Verdict } from '../core/model/report.js';

const CULLER_FIX = [
  'Set `cull.users: false` in the chart values (keep `cull.enabled: true`: idle servers are still culled) and run `helm upgrade`.',
  'Restart the hub once (`kubectl rollout restart deploy/hub`): it reloads the allow list, so the users deleted so far can log in again.',
  "Confirm the fix: after the upgrade the hub log's `Starting service 'jupyterhub-idle-culler'` line no longer ends with `--cull-users`, `hubsleuth check-config values.yaml` reports no error, and `hubsleuth check-hub` finds every allowed user.",
];

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function names(list: string[], max = 5): string {
  const u = [...new Set(list)];
  return u.slice(0, max).join(', ') + (u.length > max ? `, and ${u.length - max} more` : '');
}

export function decideVerdict(incidents: Incident[], denials: DenialList, culler: CullerSummary, findings: Finding[]): Verdict {
  const culled = incidents.filter((i) => i.deletedBy === 'culler');
  const culledDenied = culled.filter((i) => i.denials > 0);
  const adminDenied = incidents.filter((i) => i.deletedBy === 'admin' && i.denials > 0);
  const causes = new Map<Denial['cause'], number>();
  for (const d of denials) causes.set(d.cause, (causes.get(d.cause) ?? 0) + 1);
  const byCause = (c: Denial['cause']) => causes.get(c) ?? 0;
  const recurred = findings.some((f) => f.kind === 'pattern-recurred');
  const pvc = findings.some((f) => f.kind === 'home-volumes-deleted');
  const emptied = findings.find((f) => f.kind === 'allow-list-emptied');
  const extra: string[] = [];
  if (pvc) extra.push('Check backups of the deleted home volumes (PVCs): on z2jh ≥ 1.0 deleting a user deletes their home PVC.');
  // Names stay in the finding: remediation is rendered as our own Markdown, never log text.
  if (emptied) extra.push('Review the accounts admitted while the allow list was empty (listed in the `allow-list-emptied` finding) and delete those that should not have access.');

  if (culledDenied.length > 0) {
    const n = culledDenied.reduce((s, i) => s + i.denials, 0);
    const first = culledDenied.map((i) => i.firstDeniedAt!).sort()[0];
    const argvSays = culler.cullsUsers === true && !(culler.inferred ?? []).includes('cullsUsers');
    return {
      rootCause: 'culler-deleted-users',
      confidence: argvSays || culled.some((i) => i.actor !== null) ? 'high' : 'medium',
      summary:
        `The idle culler deleted ${plural(new Set(culled.map((i) => i.user)).size, 'user')} (user culling is on${argvSays ? ': --cull-users' : ''}); ` +
        `deleting a user also removes them from the in-memory allow list, so ${plural(new Set(culledDenied.map((i) => i.user)).size, 'user')} (${names(culledDenied.map((i) => i.user))}) ` +
        `were refused ${plural(n, 'time')} since ${first.slice(0, 19).replace('T', ' ')} UTC.` +
        (recurred ? ' A hub restart restored access, and the pattern came back after it.' : ' A hub restart restores access until the next cull.'),
      remediation: [...CULLER_FIX, ...extra],
    };
  }
  if (adminDenied.length > 0) {
    const n = adminDenied.reduce((s, i) => s + i.denials, 0);
    return {
      rootCause: 'admin-deleted-users', confidence: 'high',
      summary: `${plural(adminDenied.length, 'user')} (${names(adminDenied.map((i) => i.user))}) deleted by an admin were refused ${plural(n, 'time')} afterwards: deleting a user removes them from the allow list until the hub restarts.`,
      remediation: ['Restart the hub (`kubectl rollout restart deploy/hub`) to reload the allow list, or re-add the users through the admin page.', 'To remove access without this side effect, stop the user\'s server instead of deleting the user.', ...extra],
    };
  }
  if (culled.length > 0) {
    return {
      rootCause: 'culler-deleted-users', confidence: 'medium',
      summary: `The idle culler deleted ${plural(new Set(culled.map((i) => i.user)).size, 'user')} (${names(culled.map((i) => i.user))}); none of them has tried to log in since. They will be refused at their next login until the hub restarts.`,
      remediation: [...CULLER_FIX, ...extra],
    };
  }
  const notAllowed = byCause('not-allowed') + byCause('blocked');
  const xsrf = byCause('xsrf');
  const unknown = byCause('unknown');
  if (denials.length === 0) {
    return {
      rootCause: 'none', confidence: 'high',
      summary: culler.seen && culler.cullsUsers === false
        ? 'No refused logins and no user deletions: the culler culls idle servers only.'
        : 'No refused logins and no user deletions in these logs.',
      remediation: [],
    };
  }
  if (notAllowed > 0 && notAllowed >= xsrf && notAllowed >= unknown) {
    const users = [...denials].filter((d) => d.cause === 'not-allowed' || d.cause === 'blocked').map((d) => d.user ?? '?');
    return {
      rootCause: 'users-not-allowed', confidence: notAllowed === denials.length ? 'high' : 'medium',
      summary: `${plural(notAllowed, 'refused login')} came from accounts that are not on the allow list (${names(users)}); none of them had been deleted, so this is not the culler.${xsrf ? ` ${plural(xsrf, 'other refusal')} were XSRF failures.` : ''}`,
      remediation: ['If these people should have access, add them to `hub.config.<Authenticator>.allowed_users` (or the allowed groups) and upgrade the release.'],
    };
  }
  if (xsrf > 0 && xsrf >= unknown) {
    return {
      rootCause: 'xsrf', confidence: xsrf === denials.length ? 'high' : 'medium',
      summary: `${plural(xsrf, 'request')} were refused for a missing or mismatched '_xsrf' token: stale login pages, blocked cookies, or a proxy that drops cookies. No user deletions explain them.`,
      remediation: ['Ask affected users to reload the login page and allow cookies for the hub; check that the ingress keeps the `_xsrf` cookie.'],
    };
  }
  // API scope/role refusals are not refused logins: no deletion or allow list is involved.
  const permission = byCause('permission');
  if (permission > 0 && permission >= unknown) {
    const cullerRefused = findings.some((f) => f.kind === 'culler-refused');
    return {
      rootCause: 'none', confidence: permission === denials.length ? 'high' : 'medium',
      summary: `No refused login is explained by a user deletion: ${plural(permission, 'request')} ${permission === 1 ? 'was' : 'were'} refused for lack of permission (API scopes or roles)` +
        (cullerRefused ? ", among them the idle culler's own requests: it cannot cull anything until its role is fixed." : '.'),
      remediation: cullerRefused
        ? ["Give the idle culler's role the scopes it needs (`list:users`, `read:users:activity`, `read:servers`, `delete:servers`, and `admin:users` only if it must cull users): check `hub.services` and `hub.loadRoles` in the chart values, then confirm the culler's `GET /hub/api/users` lines answer 200."]
        : ['Check the roles and scopes of the refused users or services (`hub.loadRoles` in the chart values).'],
    };
  }
  return {
    rootCause: 'inconclusive', confidence: 'low',
    summary: `${plural(denials.length, 'refused request')} could not be tied to a cause (no deletion, allow-list or XSRF line explains them). Collect the hub log with DEBUG (\`hub.extraConfig\`: \`c.JupyterHub.log_level = "DEBUG"\`) over the next refusals.`,
    remediation: [],
  };
}
