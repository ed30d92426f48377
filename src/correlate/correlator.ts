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
import { safeDecodeURIComponent } from '../core/text.js';
import { DenialTable } from './denials.js';
import { CullerTracker } from './culler.js';
import { RefusalMatcher, type Refusal } from './refusals.js';
import { evidenceOf } from './evidence.js';
import { StringTable } from './strings.js';
import { addEvidence, type IncidentRecord } from './incidents.js';
import { causeOf } from './causes/index.js';
import { startFindings } from './findings/index.js';
import type { FindingObserver, StoryStep } from './findings/types.js';

type AccessEvent = Extract<HubEvent, { kind: 'access' }>;

/** The correlator's state once the stream has ended: what a report is made from. */
export interface Story {
  readonly incidents: readonly Readonly<IncidentRecord>[];
  readonly denials: DenialTable;
  readonly hubStarts: readonly Readonly<HubStart>[];
  readonly culler: CullerTracker;
  readonly findings: readonly FindingObserver<FindingKind>[];
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
  private readonly refusals = new RefusalMatcher();
  // Users deleted and not back yet, to their incident's index.
  private readonly open = new Map<string, number>();
  // restoredAt is the first successful login after the deletion, even when a restart came between.
  private readonly awaitingLogin = new Map<string, number>();
  private readonly pendingCulls = new Map<string, { t: number; ev: HubEvent; inactive: string | null; byCuller: boolean }>();
  private readonly recentDeletes = new Map<string, { t: number; idx: number }>();
  private lastStartT = -Infinity;
  private readonly strings = new StringTable();
  private cullerTotal = 0;
  private cullerAtLastStart = 0;
  private lastStartHasVersion = false;
  private now = -Infinity;

  // `bounded` is for `watch`, which runs for days: no denial list, and prune() forgets finished and
  // stale incidents. `analyze` leaves it off, so its report keeps every incident and denial.
  constructor(private readonly onAlert?: (a: Alert) => void, private readonly opts: { bounded?: boolean } = {}) {}

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
    this.culler.observe(ev);
    switch (ev.kind) {
      case 'hub-start': return this.onStart(ev);
      case 'user-deleted': return this.onDeleted(ev);
      case 'culler-culled-user': return this.onCullLine(ev, ev.user, ev.inactive, true);
      case 'deleting-user': return this.onCullLine(ev, ev.user, null, ev.shape === 'idle-culler');
      case 'login-refused': return this.refusals.addRefusal(ev);
      case 'login-failed': return this.refusals.addFailed(ev);
      case 'http-error': return this.refusals.addHttpError(ev);
      case 'login-succeeded': return this.onLogin(ev, ev.user);
      case 'pvc-deleted': return this.step({ kind: 'volume-deleted', ev });
      case 'access': return this.onAccess(ev);
      default:
    }
  }

  /** Ends the stream: culler lines whose hub DELETE never came open their incidents now. */
  finish(): Story {
    this.now = Infinity;
    this.expirePendingCulls();
    return { incidents: this.records, denials: this.table, hubStarts: this.starts, culler: this.culler, findings: this.findings };
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
    this.open.clear();
    this.refusals.clear();
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
    this.step({ kind: 'user-deleted', user });
    this.onAlert?.({ kind: 'user-deleted', at, user, deletedBy, actor, inactiveFor: inactive, incident: idx, evidence: copies(rec) });
    if (deletedBy === 'culler') {
      // The first culler deletion after a restart that followed earlier culler deletions.
      if (this.cullerAtLastStart > 0 && this.cullerTotal === this.cullerAtLastStart) {
        this.onAlert?.({ kind: 'recurrence', at, user, restartAt: this.starts[this.starts.length - 1].at, evidence: copies(rec) });
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
      rec.restoredAt = iso(ev.t);
      rec.restoredBy = 'login';
      addEvidence(rec, ev, false);
      this.awaitingLogin.delete(user);
    }
    this.open.delete(user);
    this.step({ kind: 'login', user, ev });
  }

  private onAccess(ev: AccessEvent): void {
    if (ev.status === 201 && ev.method === 'POST') {
      const m = /\/api\/users\/([^/]+)$/.exec(ev.path);
      if (m) this.step({ kind: 'user-created', user: safeDecodeURIComponent(m[1]) });
      return;
    }
    if (ev.status === 302 && ev.user && (ev.path.endsWith('/oauth_callback') || ev.path.endsWith('/login'))) {
      if (this.awaitingLogin.has(ev.user)) this.onLogin(ev, ev.user);
      return;
    }
    const loginPath = ev.path.endsWith('/oauth_callback') || ev.path.endsWith('/login') || ev.path.includes('callback');
    if (ev.status === 403) {
      const match = this.refusals.match(ev, ev.user === null && loginPath);
      this.addDenial(ev, ev.user ?? match.refusal?.user ?? null, match.refusal, match.webMessage);
    } else if (ev.status === 200 && ev.method === 'POST' && ev.path.endsWith('/login') && ev.user === null) {
      // A refused form login (Native/LDAP/PAM/Dummy) is answered 200 with the login page again.
      const match = this.refusals.match(ev, true);
      if (match.refusal && match.refusal.reason !== 'failed') this.addDenial(ev, match.refusal.user, match.refusal, match.webMessage);
    }
  }

  private addDenial(ev: AccessEvent, user: string | null, reason: Refusal | null, webMessage: string | null): void {
    // Refused after the culler announced the deletion: that deletion happened, hub line or not.
    if (user !== null) this.openFromCullLine(user);
    const openIdx = user !== null ? this.open.get(user) : undefined;
    const request = {
      access: ev, user, reason, webMessage, incident: openIdx === undefined ? null : this.records[openIdx],
      fromCuller: ev.user !== null && this.culler.isCullerName(ev.user),
    };
    const cause = causeOf(request);
    const incident = cause.joinsIncident && openIdx !== undefined ? openIdx : null;
    if (!this.opts.bounded) this.table.push(ev.t, user, ev.status, ev.method, ev.path, cause.id, incident, ev.source, ev.line);
    const rec = incident === null ? null : this.records[incident];
    if (rec !== null && incident !== null) {
      rec.denials++;
      rec.lastDeniedT = ev.t;
      if (rec.denials === 1) {
        rec.firstDeniedAt = iso(ev.t) ?? NO_TIME;
        if (reason) addEvidence(rec, reason.ev, false);
        addEvidence(rec, ev, false);
      }
      this.onAlert?.({
        kind: 'denied-after-deletion', at: iso(ev.t) ?? NO_TIME, user: rec.user, deletedAt: rec.deletedAt, deletedBy: rec.deletedBy, actor: rec.actor, incident,
        evidence: [...(reason ? [evidenceOf(reason.ev)] : []), evidenceOf(ev)],
      });
    }
    this.step({ kind: 'refused', request, cause: cause.id, incident: rec });
  }
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
