// Hand-built reports shaped like the contract's example: a 2-day window, the culler deleting
// three users (one of them twice), an admin deleting one, a restart that brings people back.
import type { Denial, Evidence, Incident, Report } from '../../src/core/model/report.js';
import { CAUSES } from '../../src/correlate/causes/index.js';

export const HOSTILE = '<img src=https://evil.invalid/x onerror="window.__pwned=1;alert(1)">';

const SRC = 'hub.log';
const ev = (line: number, text: string): Evidence => ({ source: SRC, line, text });
const at = (s: string): string => `2025-07-${s}Z`;

interface Spec {
  user: string; deletedAt: string; by: Incident['deletedBy']; actor: string | null; inactive: string | null;
  denied: string[]; restoredAt: string | null; restoredBy?: 'login'; line: number;
}

function build(specs: Spec[], extraDenials: Denial[] = []): Pick<Report, 'incidents' | 'denials' | 'causes'> {
  const denials: Denial[] = [...extraDenials];
  const incidents = specs.map((s, i): Incident => {
    s.denied.forEach((d, k) => denials.push({
      at: d, user: s.user, status: 403, method: 'GET', path: '/hub/oauth_callback',
      cause: s.by === 'admin' ? 'deleted-by-admin' : 'deleted-by-culler', component: 'hub', attributedBy: 'message', detail: null, missing: null, incident: i, source: SRC, line: s.line + 300 + k * 7,
    }));
    const evidence = [
      ev(s.line, `[I ${s.deletedAt.slice(0, 10)} ${s.deletedAt.slice(11, 23)} JupyterHub log:192] 204 DELETE /hub/api/users/${s.user} (${s.actor ?? 'unknown'}@10.0.3.7) 41.20ms`),
    ];
    if (s.by === 'culler') {
      evidence.unshift(ev(s.line - 1, `[I ${s.deletedAt.slice(0, 10)} ${s.deletedAt.slice(11, 23)} JupyterHub-idle-culler] Deleting user ${s.user}, inactive for ${s.inactive}`));
    }
    if (s.denied.length) {
      evidence.push(ev(s.line + 300, `[W ${s.denied[0].slice(0, 10)} ${s.denied[0].slice(11, 23)} JupyterHub base:1145] User '${s.user}' not allowed.`));
    }
    return {
      user: s.user, deletedAt: s.deletedAt, deletedBy: s.by, actor: s.actor, inactiveFor: s.inactive,
      denials: s.denied.length, firstDeniedAt: s.denied[0] ?? null, lastDeniedAt: s.denied[s.denied.length - 1] ?? null,
      restoredAt: s.restoredAt, restoredBy: s.restoredAt ? s.restoredBy ?? 'login' : null, evidence,
    };
  });
  denials.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const causes: Report['causes'] = {};
  for (const c of CAUSES) {
    const count = denials.filter((d) => d.cause === c.id).length;
    if (count) causes[c.id] = { title: c.title, explanation: c.explanation, remediation: [...c.remediation], severity: c.severity, count };
  }
  return { incidents, denials, causes };
}

function base(): Omit<Report, 'incidents' | 'denials' | 'causes'> {
  return {
    schema: 'hubsleuth.report/v1',
    tool: { name: 'hubsleuth', version: '0.1.0' },
    verdict: {
      rootCause: 'culler-deleted-users',
      title: 'The idle culler deleted users, and their logins are refused',
      confidence: 'high',
      summary: 'The idle culler deleted 3 users after 2 hours of inactivity (and an admin deleted 1); they were refused at their next login (403 on /hub/oauth_callback) until a hub restart re-created them from the allow list.',
      remediation: [
        'Set `cull.users: false` in the chart values so the culler stops servers but keeps users.',
        'Until then, restart the hub to re-create deleted users from the allow list.',
        'Check that home volumes of deleted users still exist before they log in again.',
      ],
    },
    seen: { hubRecords: 1507, hubStarts: 2, cullerSeen: true, from: at('10T10:03:00.000'), to: at('12T10:02:11.000'), spanSeconds: 172751, understood: 1 },
    findings: [
      { kind: 'pattern-recurred', title: 'The deletions came back after a hub restart', severity: 'warning', at: at('11T23:48:03.112'),
        summary: 'The culler deleted a user again 3 hours after the hub restart: the incident will keep coming back until `cull.users` is off.',
        users: ['gus'], evidence: [ev(1402, '[I 2025-07-11 23:48:03.112 JupyterHub-idle-culler] Deleting user gus, inactive for 2:00:41.2')] },
      { kind: 'home-volumes-deleted', title: 'Home volumes were deleted with their users', severity: 'error', at: at('10T13:48:04.002'),
        summary: 'The home volume of dana was deleted together with the user.',
        users: ['dana'], evidence: [ev(243, '[I 2025-07-10 13:48:04.002 JupyterHub spawner:2931] Deleting pvc claim-dana')] },
    ],
    hubStarts: [
      { at: at('10T10:02:41.517'), version: '4.1.6', source: SRC, line: 1 },
      { at: at('11T20:54:15.894'), version: '4.1.6', source: SRC, line: 1163 },
    ],
    culler: {
      seen: true, cullsUsers: true, timeoutSeconds: 7200, everySeconds: 300, maxAgeSeconds: null, inferred: ['everySeconds'],
      evidence: [ev(9, "[I 2025-07-10 10:02:43.001 JupyterHub app:2969] Starting managed service cull-idle at 'python3 -m jupyterhub_idle_culler --timeout=7200 --cull-users'")],
    },
    inputs: [{ source: SRC, format: 'jupyterhub', envelope: 'kubectl-timestamps', lines: 1507, parsed: 1507, unparsed: 0, artifacts: 0, fragments: 0,
      first: at('10T10:03:00.000'), last: at('12T10:02:11.000') }],
    totals: { lines: 1507, parsed: 1507, unparsed: 0, artifacts: 0, fragments: 0, duplicates: 0 },
  };
}

/** 3 users deleted by the culler (gus twice), one by an admin; pass `hostile` to name one user with markup. */
export function fixtureReport(opts: { hostile?: boolean } = {}): Report {
  const erik = opts.hostile ? HOSTILE : 'erik';
  const specs: Spec[] = [
    { user: 'dana', deletedAt: at('10T13:48:03.271'), by: 'culler', actor: 'jupyterhub-idle-culler', inactive: '2:09:03.508561',
      denied: [at('10T23:58:00.000'), at('11T08:10:12.000'), at('11T08:45:30.000'), at('11T08:56:58.000')],
      restoredAt: at('11T22:03:00.000'), restoredBy: 'login', line: 241 },
    { user: erik, deletedAt: at('10T16:23:03.402'), by: 'culler', actor: 'jupyterhub-idle-culler', inactive: '2:01:17.2',
      denied: [at('11T09:12:40.000'), at('11T09:13:02.000')], restoredAt: at('11T20:54:15.894'), restoredBy: 'login', line: 402 },
    { user: 'gus', deletedAt: at('10T19:08:03.118'), by: 'culler', actor: 'jupyterhub-idle-culler', inactive: '2:03:55.9',
      denied: [at('11T14:31:09.000')], restoredAt: at('11T21:40:00.000'), restoredBy: 'login', line: 611 },
    { user: 'gus', deletedAt: at('11T23:48:03.112'), by: 'culler', actor: 'jupyterhub-idle-culler', inactive: '2:00:41.2',
      denied: [at('12T08:02:10.000'), at('12T08:02:44.000'), at('12T09:15:00.000')], restoredAt: null, line: 1403 },
    { user: 'bob', deletedAt: at('11T11:30:27.550'), by: 'admin', actor: 'admin-ops', inactive: null,
      denied: [at('11T12:02:01.000')], restoredAt: null, line: 880 },
  ];
  const unattributed: Denial = { at: at('11T03:14:15.000'), user: null, status: 403, method: 'GET',
    path: '/hub/oauth_callback', cause: 'unknown', component: 'hub', attributedBy: null, detail: null,
    missing: "the authenticator's line just before the 403", incident: null, source: SRC, line: 777 };
  return { ...base(), ...build(specs, [unattributed]) };
}

/** `n` users spread over two days, deterministic, for size and readability limits. */
export function largeReport(n: number): Report {
  const t0 = Date.parse(at('10T10:03:00.000'));
  const span = 46 * 3600_000;
  const specs: Spec[] = [];
  for (let i = 0; i < n; i++) {
    const del = t0 + ((i * 7919) % 1000) / 1000 * span * 0.6;
    const k = (i * 31) % 9;
    const denied = Array.from({ length: k }, (_, j) => new Date(del + (j + 1) * 2.3 * 3600_000).toISOString());
    const restored = i % 3 === 0 ? null : new Date(del + (k + 2) * 2.3 * 3600_000).toISOString();
    specs.push({ user: `student-${String(i).padStart(4, '0')}`, deletedAt: new Date(del).toISOString(), by: i % 50 === 0 ? 'admin' : 'culler',
      actor: i % 50 === 0 ? 'admin-ops' : 'jupyterhub-idle-culler', inactive: i % 50 === 0 ? null : '2:04:11.1',
      denied, restoredAt: restored, line: 100 + i * 40 });
  }
  return { ...base(), ...build(specs) };
}
