// Phrases the verdicts share.
import type { Finding } from '../../core/model/report.js';

export { plural } from '../../core/text.js';

export function names(list: readonly string[], max = 5): string {
  const u = [...new Set(list)];
  return u.slice(0, max).join(', ') + (u.length > max ? `, and ${u.length - max} more` : '');
}

/** What else to do after user deletions, from what the findings say was lost or let in. */
export function afterDeletions(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  if (findings.some((f) => f.kind === 'home-volumes-deleted')) out.push('Check backups of the deleted home volumes (PVCs): on z2jh ≥ 1.0 deleting a user deletes their home PVC.');
  // Names stay in the finding: remediation is rendered as our own Markdown, never log text.
  if (findings.some((f) => f.kind === 'allow-list-emptied')) out.push('Review the accounts admitted while the allow list was empty (listed in the `allow-list-emptied` finding) and delete those that should not have access.');
  return out;
}
