// The incident story as rules, fed one event at a time in time order (so `analyze` and `watch`
// share it):
//   1. a user deletion (hub DELETE /hub/api/users/<n> 2xx, or the culler's `Culling user` when the
//      hub line is missing) opens an incident for that user;
//   2. every later refused login of that user is a denial of the incident, until the user logs in
//      again or the hub restarts (a restart reloads the allow list from config);
//   3. every refused request gets a cause (./causes), and a 403 with no deletion before it is never
//      a culler incident.
// The correlator keeps its own records; report.ts makes the report from them once the stream ends.
import type { HubEvent } from '../core/model/events.js';
import type { FindingKind, HubStart, Incident } from '../core/model/report.js';
import type { Alert } from '../core/model/alerts.js';
import { iso, NO_TIME } from '../core/time.js';
import { userOfResource } from '../core/users.js';
import { DenialTable } from './denials.js';
import { CullerTracker } from './culler.js';
import { RequestJoiner, type RequestLines, type TraceEvent } from './refusals.js';
import { attribute } from './attribution.js';
import { componentOf } from './components.js';
import { proxyRefusal } from './proxy-answers.js';
import { evidenceOf } from './evidence.js';
import { StringTable } from './strings.js';
import { addEvidence, type IncidentRecord } from './incidents.js';
import { causeOf } from './causes/index.js';
import type { RefusedRequest } from './causes/types.js';
import { startFindings } from './findings/index.js';
import { patternRecurred } from './findings/pattern-recurred.js';
import type { FindingObserver, StoryStep } from './findings/types.js';
import { UserStories } from './user-stories.js';
import { ServerAlerts } from './server-alerts.js';

type AccessEvent = Extract<HubEvent, { kind: 'access' }>;

/** The correlator's state once the stream has ended: what a report is made from. */
export interface Story {
  readonly incidents: readonly Readonly<IncidentRecord>[];
  readonly denials: DenialTable;
  readonly hubStarts: readonly Readonly<HubStart>[];
  readonly culler: CullerTracker;
  readonly findings: readonly FindingObserver<FindingKind>[];
  /** Each user's story; null in bounded mode (`watch` keeps no history). */
  readonly users: UserStories | null;
  /** The time of the latest record read (epoch ms), null when none had one. */
  readonly end: number | null;
}

// The culler logs `Culling user` (whole seconds) before it sends the DELETE; the hub logs the DELETE
// when it is done. Pair them by name within this window rather than by equal timestamps.
const PAIR_BEFORE_MS = 2_000;
const PAIR_AFTER_MS = 60_000;
// z2jh prints `Loading …/values.yaml` moments before `Running JupyterHub version`: one start.
const START_MARKER_GAP_MS = 5 * 60_000;

export class Correlator {
  private readonly records: IncidentRecord[] = [];
  private readonly table = new DenialTable();
  private readonly starts: HubStart[] = [];
  private readonly culler = new CullerTracker();
  private readonly findings = startFindings();
  private readonly observers = this.findings.filter((f) => f.observe !== undefined);
  private readonly joiner = new RequestJoiner((name) => this.culler.isCullerName(name));
  // Users deleted and not back yet, to their incident's index.
  private readonly open = new Map<string, number>();
  // Incidents whose user has not logged in since the deletion: a login still adds its line as evidence.
  private readonly awaitingLogin = new Map<string, number>();
  private readonly pendingCulls = new Map<string, { t: number; ev: HubEvent; inactive: string | null; byCuller: boolean }>();
  private readonly recentDeletes = new Map<string, { t: number; idx: number }>();
  private lastStartT = -Infinity;
  private readonly strings = new StringTable();
  private cullerTotal = 0;
  private cullerAtLastStart = 0;
  private lastStartHasVersion = false;
  private now = -Infinity;
  // The last message that names a user (messages/config-prints.ts): the next line may be a refusal it explains.
  private named: Extract<HubEvent, { kind: 'message' }> | null = null;

  private readonly users: UserStories | null;
  private readonly serverAlerts: ServerAlerts | null;

  // `bounded` is for `watch`, which runs for days: no denial list, no stories, and prune() forgets
  // finished and stale incidents. `analyze` leaves it off, so its report keeps every incident,
  // denial and user story.
  constructor(private readonly onAlert?: (a: Alert) => void, private readonly opts: { bounded?: boolean } = {}) {
    this.serverAlerts = onAlert ? new ServerAlerts(onAlert) : null;
    this.users = opts.bounded ? null : new UserStories((name) => name !== null && this.culler.isCullerName(name), () => this.culler.limits);
  }

  /** The incidents kept so far (all of them, unless bounded). */
  get incidents(): readonly Readonly<IncidentRecord>[] {
    return this.records;
  }

  /** The refused requests kept so far (none when bounded). */
  get denials(): DenialTable {
    return this.table;
  }

  push(ev: HubEvent): void {
    if (Number.isFinite(ev.t) && ev.t > this.now) this.now = ev.t;
    this.expirePendingCulls();
    for (const lines of this.joiner.expire(this.now, ev)) this.onRequest(lines);
    this.culler.observe(ev);
    switch (ev.kind) {
      case 'hub-start':
        // The old hub process is gone: no access line will end the requests it was serving.
        for (const lines of this.joiner.expire(Infinity)) this.onRequest(lines);
        return this.onStart(ev);
      case 'user-deleted':
        this.users?.event(ev);
        return this.onDeleted(ev);
      case 'culler-culled-user': return this.onCullLine(ev, ev.user, ev.inactive, true);
      case 'deleting-user': return this.onCullLine(ev, ev.user, null, ev.shape === 'idle-culler');
      case 'login-refused':
      case 'login-failed':
      case 'request-refused':
      case 'http-error':
        if (ev.kind === 'http-error') {
          this.users?.event(ev);
          this.serverAlerts?.push(ev);
          if (ev.status >= 500) this.step({ kind: 'server', ev });
        }
        return this.onTrace(ev);
      case 'login-succeeded': return this.onLogin(ev, ev.user);
      case 'pvc-deleted': return this.step({ kind: 'volume-deleted', ev });
      case 'user-added': return this.step({ kind: 'user-added', user: ev.user, ev });
      case 'access':
        this.users?.event(ev);
        if (ev.status >= 500) this.step({ kind: 'server', ev });
        return this.onAccess(ev);
      case 'hub-shutdown':
      case 'spawn-requested':
      case 'spawn-slow':
      case 'server-started':
      case 'spawn-failed':
      case 'server-stopped':
      case 'server-exited':
      case 'culler-culled-server':
      case 'k8s-event':
      case 'stop-slow':
      case 'route-restored':
      case 'reflector-stopped':
      case 'reflector-retry':
      case 'pod-missing':
        this.users?.event(ev);
        this.serverAlerts?.push(ev);
        return this.step({ kind: 'server', ev });
      case 'message': {
        if (ev.user !== undefined) this.named = ev;
        const refused = ev.status !== undefined ? proxyRefusal(ev) : null;
        if (refused) this.onTrace(refused);
        return;
      }
      default:
    }
  }

  /** Ends the stream: culler lines whose hub DELETE never came open their incidents now. */
  finish(): Story {
    const end = Number.isFinite(this.now) ? this.now : null;
    this.now = Infinity;
    this.expirePendingCulls();
    for (const lines of this.joiner.expire(Infinity)) this.onRequest(lines);
    this.table.sortByTime();
    return { incidents: this.records, denials: this.table, hubStarts: this.starts, culler: this.culler, findings: this.findings, users: this.users, end };
  }

  /** Users deleted and not back yet (no login, no restart since): they will be refused at the next login. */
  openUsers(): string[] {
    return [...this.open.keys()];
  }

  /**
   * Bounded mode only (`watch`, see docs/watch-alerts.md): keeps at most one incident per user, the
   * latest, and only while that user is deleted or has not logged in since; a user's state is
   * forgotten `forgetMs` (log time) after their deletion or last refusal. Incident indices change
   * (alerts already emitted carry their own copies); nothing else the alerts depend on is dropped.
   */
  prune(forgetMs: number): void {
    if (!this.opts.bounded || !Number.isFinite(this.now)) return;
    const horizon = this.now - forgetMs;
    const stale = (idx: number) => lastTouched(this.records[idx]) < horizon;
    for (const [user, idx] of this.open) if (stale(idx)) this.open.delete(user);
    for (const [user, idx] of this.awaitingLogin) if (stale(idx) && this.open.get(user) !== idx) this.awaitingLogin.delete(user);
    for (const [user, r] of this.recentDeletes) if (this.now - r.t > PAIR_AFTER_MS) this.recentDeletes.delete(user);
    const keep = new Set<number>([...this.open.values(), ...this.awaitingLogin.values(), ...[...this.recentDeletes.values()].map((r) => r.idx)]);
    const remap = new Map<number, number>();
    const kept: IncidentRecord[] = [];
    this.records.forEach((rec, k) => {
      if (keep.has(k)) remap.set(k, kept.push(rec) - 1);
    });
    this.records.length = 0;
    for (const rec of kept) this.records.push(rec);
    for (const [user, idx] of this.open) this.open.set(user, remap.get(idx)!);
    for (const [user, idx] of this.awaitingLogin) this.awaitingLogin.set(user, remap.get(idx)!);
    for (const r of this.recentDeletes.values()) r.idx = remap.get(r.idx)!;
  }

  private step(s: StoryStep): void {
    if (s.kind !== 'server') this.users?.concluded(s);
    for (const o of this.observers) o.observe!(s);
  }

  private onStart(ev: Extract<HubEvent, { kind: 'hub-start' }>): void {
    const at = iso(ev.t);
    const merge = ev.marker === 'version' && !this.lastStartHasVersion && ev.t - this.lastStartT <= START_MARKER_GAP_MS;
    if (merge && this.starts.length > 0) {
      this.starts[this.starts.length - 1].version = ev.version;
      this.lastStartHasVersion = true;
      this.step({ kind: 'hub-start', version: ev.version, line: null });
      return;
    }
    if (!at) return;
    this.starts.push({ at, version: ev.version, source: ev.source, line: ev.line });
    this.lastStartT = ev.t;
    this.lastStartHasVersion = ev.version !== null;
    this.cullerAtLastStart = this.cullerTotal;
    // A restart rebuilds the allow list from config: deleted users can log in again.
    const restored = [...this.open.keys()];
    for (const idx of this.open.values()) {
      const rec = this.records[idx];
      if (rec.restoredAt !== null) continue;
      rec.restoredAt = at;
      rec.restoredBy = 'restart';
    }
    this.open.clear();
    const line = evidenceOf(ev);
    this.step({ kind: 'hub-start', version: ev.version, line });
    this.onAlert?.({ kind: 'hub-restarted', at, version: ev.version, restoredUsers: restored, evidence: [{ ...line }] });
  }

  private onCullLine(ev: HubEvent, user: string, inactive: string | null, byCuller: boolean): void {
    const recent = this.recentDeletes.get(user);
    if (recent && Math.abs(ev.t - recent.t) <= PAIR_BEFORE_MS + 1000) {
      const rec = this.records[recent.idx];
      if (rec.inactiveFor === null) rec.inactiveFor = inactive;
      if (byCuller && rec.deletedBy !== 'culler') {
        this.culler.learnName(rec.actor);
        rec.deletedBy = 'culler';
      }
      addEvidence(rec, ev, true);
      return;
    }
    this.pendingCulls.set(user, { t: ev.t, ev, inactive, byCuller });
  }

  private expirePendingCulls(): void {
    for (const [user, p] of this.pendingCulls) if (this.now - p.t > PAIR_AFTER_MS) this.openFromCullLine(user);
  }

  /** No hub DELETE came (yet) for a culler line: the culler line is the deletion. */
  private openFromCullLine(user: string): void {
    const p = this.pendingCulls.get(user);
    if (!p) return;
    this.pendingCulls.delete(user);
    this.openIncident(p.ev, user, p.byCuller ? 'culler' : 'unknown', null, p.inactive, [p.ev]);
  }

  private onDeleted(ev: Extract<HubEvent, { kind: 'user-deleted' }>): void {
    const user = ev.target;
    const pending = this.pendingCulls.get(user);
    let paired: HubEvent | null = null;
    let inactive: string | null = null;
    if (pending && ev.t - pending.t >= -PAIR_BEFORE_MS && ev.t - pending.t <= PAIR_AFTER_MS) {
      this.pendingCulls.delete(user);
      paired = pending.ev;
      inactive = pending.inactive;
    }
    // Whatever its service is called, the sender of a DELETE the culler announced is the culler.
    if (paired && pending?.byCuller) this.culler.learnName(ev.actor);
    let deletedBy = this.culler.classifyActor(ev.actor);
    if (deletedBy === 'unknown' && paired) deletedBy = 'culler';
    this.openIncident(ev, user, deletedBy, ev.actor, inactive, paired ? [paired, ev] : [ev]);
  }

  private openIncident(ev: HubEvent, user: string, deletedBy: Incident['deletedBy'], actor: string | null, inactive: string | null, evidence: HubEvent[]): void {
    const at = iso(ev.t) ?? iso(this.now) ?? NO_TIME;
    const rec: IncidentRecord = {
      user: this.strings.get(user), deletedAt: at, deletedBy, actor: this.strings.get(actor), inactiveFor: this.strings.get(inactive), denials: 0, firstDeniedAt: null,
      lastDeniedT: null, restoredAt: null, evidence: evidence.map(evidenceOf),
    };
    const idx = this.records.push(rec) - 1;
    this.open.set(user, idx);
    this.awaitingLogin.set(user, idx);
    if (this.awaitingLogin.size > 100_000) this.awaitingLogin.delete(this.awaitingLogin.keys().next().value as string);
    this.recentDeletes.set(user, { t: ev.t, idx });
    if (this.recentDeletes.size > 10_000) this.recentDeletes.clear();
    this.step({ kind: 'user-deleted', user, at, line: rec.evidence[rec.evidence.length - 1], incident: rec });
    this.onAlert?.({ kind: 'user-deleted', at, user, deletedBy, actor, inactiveFor: inactive, incident: idx, evidence: copies(rec) });
    if (deletedBy === 'culler') {
      // The first culler deletion after a restart that followed earlier culler deletions.
      if (this.cullerAtLastStart > 0 && this.cullerTotal === this.cullerAtLastStart) {
        this.onAlert?.({ kind: 'recurrence', at, title: patternRecurred.title, user, restartAt: this.starts[this.starts.length - 1].at, evidence: copies(rec) });
      }
      this.cullerTotal++;
    }
  }

  private onLogin(ev: HubEvent, user: string): void {
    // The user was deleted before this login even if the hub's DELETE line never came.
    this.openFromCullLine(user);
    const idx = this.awaitingLogin.get(user);
    if (idx !== undefined) {
      const rec = this.records[idx];
      // A restart that came first restored access already: restoredAt stays the restart.
      if (rec.restoredAt === null) {
        rec.restoredAt = iso(ev.t);
        rec.restoredBy = 'login';
      }
      addEvidence(rec, ev, false);
      this.awaitingLogin.delete(user);
    }
    this.open.delete(user);
    this.step({ kind: 'login', user, ev });
  }

  private onAccess(ev: AccessEvent): void {
    if (ev.status === 201 && ev.method === 'POST') {
      const user = userOfResource(ev.path);
      if (user !== null) this.step({ kind: 'user-created', user });
      return;
    }
    if (ev.status === 302 && ev.user && (ev.path.endsWith('/oauth_callback') || ev.path.endsWith('/login'))) {
      if (this.awaitingLogin.has(ev.user)) this.onLogin(ev, ev.user);
      return;
    }
    if (ev.user !== null && this.culler.isCullerName(ev.user)) {
      this.step({ kind: 'culler-request', ok: ev.status < 400, ev });
      // The culler's DELETE was refused: the user it announced is not deleted.
      const target = ev.status >= 400 && ev.method === 'DELETE' ? userOfResource(ev.path) : null;
      if (target !== null) this.pendingCulls.delete(target);
    }
    // A refused form login is answered 200 with the login page again (up to JupyterHub 5.2).
    const formLogin = ev.status === 200 && ev.method === 'POST' && ev.path.endsWith('/login') && ev.user === null;
    if (ev.status >= 400 || formLogin) this.onRequest(this.joiner.claim(ev));
  }

  private onTrace(ev: TraceEvent): void {
    if (ev.kind === 'request-refused' && ev.reason === 'culler') {
      // The culler could not delete this user: the deletion it announced did not happen.
      if (ev.user !== null) this.pendingCulls.delete(ev.user);
      this.step({ kind: 'culler-error', detail: ev.detail, status: ev.status, ev });
    }
    // A handler's print names the user of the request it handles; the refusal it raises is the very
    // next line of its input (nothing awaits between them), so only that line gets the name.
    const n = this.named;
    this.joiner.add(ev, n !== null && n.source === ev.source && n.line + n.lines === ev.line ? n.user : undefined);
  }

  /** The lines of one request: a refusal, when they say it is one; counted once, with its cause. */
  private onRequest(lines: RequestLines): void {
    const a = lines.access;
    const anchor = a ?? lines.traces[0].ev;
    const web = firstOf(lines, 'http-error');
    // The first line that names the request itself, for a request whose access line is missing.
    const said = lines.traces.map((t) => t.ev).find((e): e is TraceOf<'http-error' | 'request-refused'> => e.kind === 'http-error' || (e.kind === 'request-refused' && (e.status !== null || e.path !== null))) ?? null;
    const who = attribute(lines, (name) => this.culler.isCullerName(name));
    if (who.user !== null) this.openFromCullLine(who.user);
    const openIdx = who.user !== null ? this.open.get(who.user) : undefined;
    const request: RefusedRequest = {
      access: a, traces: lines.traces, status: a?.status ?? said?.status ?? null, method: a?.method ?? said?.method ?? null, path: a?.path ?? said?.path ?? null,
      user: who.user, attributedBy: who.attributedBy, component: componentOf(anchor),
      webMessage: web?.message ?? null,
      incident: openIdx === undefined ? null : this.records[openIdx],
      fromCuller: (a?.user != null && this.culler.isCullerName(a.user)) || lines.traces.some((t) => t.component === 'culler'),
    };
    const cause = causeOf(request);
    if (!isRefusal(request, cause.id)) return;
    if (a) this.joiner.recorded(lines);
    const incident = cause.joinsIncident && openIdx !== undefined ? openIdx : null;
    const detail = detailOf(lines, web);
    if (!this.opts.bounded) {
      this.table.push({
        t: anchor.t, user: who.user, status: request.status, method: request.method, path: request.path, cause: cause.id, component: request.component,
        attributedBy: who.attributedBy, detail: detail === null ? null : this.strings.get(detail.slice(0, 300)), missing: cause.missing?.(request) ?? null,
        incident, source: anchor.source, line: anchor.line,
      });
    }
    const rec = incident === null ? null : this.records[incident];
    if (rec !== null && incident !== null) {
      const reason = lines.traces.find((t) => t.ev.kind === 'login-refused' || t.ev.kind === 'request-refused')?.ev;
      rec.denials++;
      if (rec.lastDeniedT === null || !(anchor.t <= rec.lastDeniedT)) rec.lastDeniedT = anchor.t;
      const at = iso(anchor.t) ?? NO_TIME;
      if (rec.firstDeniedAt === null || at < rec.firstDeniedAt) {
        rec.firstDeniedAt = at;
        if (reason) addEvidence(rec, reason, false);
        addEvidence(rec, anchor, false);
      }
      this.onAlert?.({
        kind: 'denied-after-deletion', at, cause: cause.id, title: cause.title, user: rec.user, deletedAt: rec.deletedAt, deletedBy: rec.deletedBy, actor: rec.actor, incident,
        evidence: [...(reason ? [evidenceOf(reason)] : []), evidenceOf(anchor)],
      });
    }
    this.step({ kind: 'refused', request, cause: cause.id, incident: rec });
  }
}

/**
 * What the log says was wrong: a reason line's words, else tornado's message (not for a login:
 * there it is the authenticator's message for every refusal).
 */
function detailOf(lines: RequestLines, web: TraceOf<'http-error'> | undefined): string | null {
  for (const t of lines.traces) if (t.ev.kind === 'request-refused' && t.ev.detail) return t.ev.detail;
  if (lines.traces.some((t) => t.ev.kind === 'login-refused' || t.ev.kind === 'login-failed')) return null;
  return web ? web.message.split('\n')[0].trim() || null : null;
}

type TraceOf<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

/** The first line of one kind among a request's traces. */
function firstOf<K extends TraceEvent['kind']>(lines: RequestLines, kind: K): TraceOf<K> | undefined {
  for (const t of lines.traces) if (t.ev.kind === kind) return t.ev as TraceOf<K>;
  return undefined;
}

/**
 * Whether the lines of a request show a refusal: a 401 or 403 always does, a form login answered
 * 200 when its authenticator's lines say it failed, any other request (a 400 state mismatch, a 404
 * of a scope held for other users) when a cause explains it. Lines with no status at all make one
 * when a cause explains them, except a client's error whose status the input does not show.
 */
function isRefusal(r: RefusedRequest, cause: string): boolean {
  if (r.status === 401 || r.status === 403) return true;
  if (r.access && r.status === 200) return r.traces.some((t) => t.ev.kind === 'login-refused' || t.ev.kind === 'login-failed');
  if (cause === 'unknown') return false;
  return r.status !== null || r.traces.some((t) => t.ev.kind !== 'request-refused' || !['culler', 'activity'].includes(t.ev.reason) || t.ev.status !== null);
}

/** The log time of an incident's deletion or latest refusal, whichever came last. */
function lastTouched(rec: IncidentRecord): number {
  if (rec.lastDeniedT === null) return Date.parse(rec.deletedAt);
  // As the time a report writes for it: whole milliseconds, the epoch when the line had no time.
  return Number.isFinite(rec.lastDeniedT) ? Math.trunc(rec.lastDeniedT) : Date.parse(NO_TIME);
}

/** An alert's own list of an incident's evidence: the incident's list keeps growing after it. */
function copies(rec: IncidentRecord): IncidentRecord['evidence'] {
  return [...rec.evidence];
}
