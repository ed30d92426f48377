// One hub as `watch` follows it: its own correlator and what it has learnt of that hub (whether it
// checks an allow list, who its admins are), so that a refusal in one hub is never tied to a
// deletion in another, nor phrased with another hub's allow list.
import type { HubEvent } from '../core/model/events.js';
import type { Evidence } from '../core/model/report.js';
import type { Alert } from '../core/model/alerts.js';
import { Correlator } from '../correlate/correlator.js';
import { evidenceOf } from '../correlate/evidence.js';
import { toWatchAlert, type WatchAlert } from './alerts.js';

// Admins are few; the cap only bounds a watch that runs for weeks.
const MAX_ADMINS = 1_000;

export class WatchedHub {
  readonly correlator: Correlator;
  allowListEvidence: Evidence | null = null;
  /** It has written a log record (not only lines no parser read). */
  wrote = false;
  // Users seen deleting other users through the API are admins.
  private readonly admins = new Map<string, Evidence>();

  /** `name`: what the envelopes call this hub (null: they name none). */
  constructor(readonly name: string | null, private readonly out: (w: WatchAlert) => void, private readonly tz?: string) {
    this.correlator = new Correlator((a) => this.onAlert(a), { bounded: true });
  }

  push(ev: HubEvent): void {
    if (ev.kind === 'login-refused' && ev.reason === 'not-allowed') this.allowListEvidence ??= evidenceOf(ev);
    this.correlator.push(ev);
  }

  private onAlert(a: Alert): void {
    if (a.kind === 'denied-after-deletion') this.allowListEvidence ??= a.evidence[0];
    let inactiveFor: string | null = null;
    let knownAdmin: Evidence | null = null;
    if (a.kind === 'user-deleted') {
      inactiveFor = a.inactiveFor;
      knownAdmin = this.admins.get(a.user) ?? null;
      if (a.deletedBy === 'admin' && a.actor && this.admins.size < MAX_ADMINS) this.admins.set(a.actor, a.evidence[a.evidence.length - 1]);
    }
    this.out(toWatchAlert(a, { hub: this.name, allowListEvidence: this.allowListEvidence, inactiveFor, knownAdmin, tz: this.tz }));
  }
}
