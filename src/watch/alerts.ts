// The correlator's alerts as `watch` writes them: a stable NDJSON record (schema
// hubsleuth.alert/v1, documented field by field in docs/watch-alerts.md, so chat hooks and alert
// pipelines can rely on it) and a human line: time, severity, one sentence, where to look.
import type { DenialCause, Evidence, Incident } from '../core/model/report.js';
import { plural } from '../core/text.js';
import { formatTimedelta, formatTimeWithZone } from '../report/time.js';
import { termText } from '../report/terminal.js';
import { jsonVisible } from '../report/json-text.js';
import type { Alert } from '../core/model/alerts.js';

export const ALERT_SCHEMA = 'hubsleuth.alert/v1';

export type AlertSeverity = 'info' | 'warning' | 'error' | 'critical';

export interface WatchAlert {
  schema: typeof ALERT_SCHEMA;
  kind: Alert['kind'];
  severity: AlertSeverity;
  at: string;
  /** The hub whose log made this alert, as its envelopes name it (a namespace, a host): written once a watch has seen more than one hub. */
  hub?: string;
  /** The registry title of what the report calls this (a cause, a finding), word for word. */
  title?: string;
  cause?: DenialCause;
  user?: string;
  deletedAt?: string;
  deletedBy?: Incident['deletedBy'];
  actor?: string | null;
  inactiveFor?: string | null;
  allowList?: 'seen' | 'unknown';
  restoredUsers?: string[];
  version?: string | null;
  restartAt?: string;
  /** spawn-failed: why, as the report's story step says (`timeout`, `exited`, …), and the hub's words. */
  reason?: string;
  detail?: string;
  /** crash-loop: how many crashes within the hour, since when. */
  crashes?: number;
  since?: string;
  folded?: number;
  foldedSince?: string;
  summary: string;
  evidence: Evidence[];
}

/** What the watcher knows besides the alert itself when it phrases it. */
export interface AlertContext {
  /** The hub the alert is about, as its envelopes name it (null: they name none). */
  hub: string | null;
  /** A refusal that shows this hub checks an allow list (a `not allowed` line or a denial after a deletion). */
  allowListEvidence: Evidence | null;
  /** The culler's `inactive for …` of a user-deleted alert, when logged. */
  inactiveFor: string | null;
  /** Where the deleted user was seen deleting others (an admin): admins pass the allow-list check. */
  knownAdmin: Evidence | null;
  tz?: string;
}

// Evidence lines are quoted as logged, but a 1 MB traceback does not belong in a chat message.
const MAX_EVIDENCE_TEXT = 2000;

const SEVERITY: Record<Alert['kind'], (a: Alert) => AlertSeverity> = {
  // An admin deleting someone is usually deliberate; the culler or an unknown actor is not.
  'user-deleted': (a) => (a.kind === 'user-deleted' && a.deletedBy === 'admin' ? 'info' : 'warning'),
  // (a deleted admin is lowered to info in build(): the allow-list check lets admins in)
  'denied-after-deletion': () => 'error',
  'hub-restarted': () => 'info',
  recurrence: () => 'error',
  'spawn-failed': () => 'warning',
  'crash-loop': () => 'error',
};

export function toWatchAlert(a: Alert, ctx: AlertContext): WatchAlert {
  // Keys in the documented order, whatever the kind: schema, kind, severity, at, …, summary, evidence.
  const { schema, kind, severity, at, summary, evidence, ...rest } = build(a, ctx);
  return { schema, kind, severity, at, ...(ctx.hub !== null ? { hub: ctx.hub } : {}), ...rest, summary, evidence };
}

function build(a: Alert, ctx: AlertContext): WatchAlert {
  const evidence = a.evidence.map((e) => ({ source: e.source, line: e.line, text: e.text.length > MAX_EVIDENCE_TEXT ? e.text.slice(0, MAX_EVIDENCE_TEXT) + '…' : e.text }));
  const base = { schema: ALERT_SCHEMA, kind: a.kind, severity: SEVERITY[a.kind](a), at: a.at } as const;
  const t = (iso: string) => formatTimeWithZone(iso, ctx.tz);
  switch (a.kind) {
    case 'user-deleted': {
      const allowList = ctx.allowListEvidence ? 'seen' : 'unknown';
      return { ...base, severity: ctx.knownAdmin ? 'info' : base.severity, user: a.user, deletedAt: a.at, deletedBy: a.deletedBy, actor: a.actor, inactiveFor: ctx.inactiveFor, allowList, summary: deletedSentence(a, ctx), evidence };
    }
    case 'denied-after-deletion':
      return {
        ...base, title: a.title, cause: a.cause, user: a.user, deletedAt: a.deletedAt, deletedBy: a.deletedBy, actor: a.actor, evidence,
        summary: `${a.user} was refused at login because ${byWhom(a.deletedBy, a.actor)} deleted this user at ${t(a.deletedAt)}; a deleted user stays locked out until the hub restarts or an admin adds them again.`,
      };
    case 'hub-restarted': {
      const n = a.restoredUsers.length;
      const version = a.version ? ` (JupyterHub ${a.version})` : '';
      return {
        ...base, restoredUsers: a.restoredUsers, version: a.version, evidence,
        summary: n === 0
          ? `The hub started${version}; no deleted user was waiting to be let back in.`
          : `The hub started${version} and reloaded its allow list from the config: ${plural(n, 'deleted user')} can log in again (${list(a.restoredUsers)}).`,
      };
    }
    case 'recurrence':
      return {
        ...base, title: a.title, user: a.user, restartAt: a.restartAt, evidence,
        summary: `The idle culler deleted ${a.user} again after the hub restart at ${t(a.restartAt)}: a restart only lets users back in until the next cull; turn user culling off (cull.users: false in the z2jh values, or drop --cull-users).`,
      };
    case 'spawn-failed':
      return {
        ...base, user: a.user, reason: a.reason, detail: a.detail, evidence,
        summary: `The server of ${a.user} failed to start (${a.reason}): ${a.detail}`,
      };
    case 'crash-loop':
      return {
        ...base, user: a.user, crashes: a.crashes, since: a.since, evidence,
        summary: `The server of ${a.user} crashed ${a.crashes} times since ${t(a.since)}: it is crash-looping; its own log tells why (kubectl logs jupyter-<user> --previous), and the pod's events whether it was killed out of memory.`,
      };
  }
}

// Honest about what the log can show: a deletion is certain, the lock-out needs an allow list,
// which the log proves only once somebody has been refused for not being on it.
function deletedSentence(a: Extract<Alert, { kind: 'user-deleted' }>, ctx: AlertContext): string {
  const inactive = ctx.inactiveFor ? ` (inactive for ${formatTimedelta(ctx.inactiveFor)})` : '';
  const who = a.deletedBy === 'culler' ? `The idle culler deleted user ${a.user}${inactive}`
    : a.deletedBy === 'admin' ? `${a.actor ?? 'An admin'} deleted user ${a.user}`
    : `User ${a.user} was deleted${a.actor ? ` by ${a.actor}` : ''}${inactive}`;
  if (ctx.knownAdmin) {
    const e = ctx.knownAdmin;
    return `${who}: ${a.user} acted as an admin (${e.source}:${e.line}), and admins pass the allow-list check, so this should not lock them out.`;
  }
  if (ctx.allowListEvidence) {
    const e = ctx.allowListEvidence;
    return `${who}: this hub refuses users who are not on its allow list (${e.source}:${e.line}), so ${a.user} will be refused at the next login until the hub restarts.`;
  }
  return `${who}: if this hub admits users by an allow list, ${a.user} will be refused at the next login until the hub restarts.`;
}

function byWhom(by: Incident['deletedBy'], actor: string | null): string {
  if (by === 'culler') return `the idle culler${actor ? ` (${actor})` : ''}`;
  if (by === 'admin') return actor ?? 'an admin';
  return actor ?? 'someone';
}

function list(users: string[]): string {
  return users.length <= 6 ? users.join(', ') : `${users.slice(0, 6).join(', ')}, …`;
}

/** The alert as a watch of one hub writes it: nothing to tell its hub from another. */
export function withoutHub(w: WatchAlert): WatchAlert {
  if (w.hub === undefined) return w;
  const { hub: _hub, ...rest } = w;
  return rest;
}

/**
 * `2025-05-13 08:58:15 UTC  WARNING  [<hub>: ]<sentence>  [hub.log:204]`. The sentence names users and the
 * place names files: a line feed in either must not forge a second alert line, nor ESC drive the terminal.
 */
export function humanLine(w: WatchAlert, tz?: string): string {
  const last = w.evidence[w.evidence.length - 1];
  const where = last ? `  [${termText(last.source)}:${last.line}]` : '';
  const hub = w.hub !== undefined ? `${termText(w.hub)}: ` : '';
  return `${formatTimeWithZone(w.at, tz)}  ${w.severity.toUpperCase().padEnd(7)}  ${hub}${termText(w.summary)}${where}\n`;
}

/** An alert that also stands for `n` like ones folded into it since the one written at `since`. */
export function withFolded(w: WatchAlert, n: number, since: string, tz?: string): WatchAlert {
  if (n <= 0) return w;
  const { summary, evidence, ...head } = w;
  const also = `${plural(n, 'more refusal')} of ${w.user ?? 'this user'} since the alert at ${formatTimeWithZone(since, tz)} ${n === 1 ? 'is' : 'are'} folded into this one.`;
  return { ...head, folded: n, foldedSince: since, summary: `${summary} ${also}`, evidence };
}

export function ndjsonLine(w: WatchAlert): string {
  return jsonVisible(JSON.stringify(w)) + '\n';
}
