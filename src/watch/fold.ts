// A deleted user who keeps trying is refused again and again (a browser retrying the OAuth callback
// refuses hundreds of requests a minute). The first refusal is written at once; the like ones that
// follow within --every (log time) wait, and the next one written says how many it stands for, so a
// chat channel gets one line per locked-out user per window and nothing is dropped: every alert
// written counts itself plus `folded`. What still waits is written once --every of wall-clock time
// has passed (a live log that went quiet), and when the watch ends.
import type { WatchAlert } from './alerts.js';

// Users at once whose refusals are being folded: beyond this the oldest is written out and forgotten.
const MAX_USERS = 10_000;

interface Waiting {
  /** Log time (ISO) of the last alert written for this user and deletion. */
  lastIso: string;
  /** Like alerts not written since, the latest of them kept to be written later. */
  count: number;
  latest: WatchAlert | null;
  /** Wall-clock time the first of them arrived. */
  since: number;
}

export type Write = (w: WatchAlert, folded: number, since: string) => void;

export class AlertFolder {
  private readonly waiting = new Map<string, Waiting>();
  /** Alerts folded into later ones (so far). */
  folded = 0;

  constructor(private readonly everyMs: number, private readonly write: Write, private readonly now = Date.now) {}

  offer(w: WatchAlert): void {
    if (!(this.everyMs > 0) || w.kind !== 'denied-after-deletion' || w.user === undefined) {
      this.write(w, 0, w.at);
      return;
    }
    const key = `${w.hub ?? ''}\0${w.user}\0${w.deletedAt ?? ''}`;
    const t = Date.parse(w.at);
    const e = this.waiting.get(key);
    const last = e ? Date.parse(e.lastIso) : NaN;
    if (e && t - last < this.everyMs && t >= last) {
      e.count++;
      e.latest = w;
      if (e.count === 1) e.since = this.now();
      this.folded++;
      return;
    }
    // The first for this user, or the window has passed: written, standing for what waited.
    if (e) this.waiting.delete(key);
    this.write(w, e?.count ?? 0, e?.lastIso ?? w.at);
    this.waiting.set(key, { lastIso: w.at, count: 0, latest: null, since: 0 });
    if (this.waiting.size > MAX_USERS) this.release(this.waiting.keys().next().value as string, true);
  }

  /** Writes what has waited --every of wall-clock time (a live log that went quiet). */
  due(): void {
    const now = this.now();
    for (const [key, e] of this.waiting) if (e.latest && now - e.since >= this.everyMs) this.release(key, false);
  }

  /** The watch ends: everything that waits is written. */
  flush(): void {
    for (const key of [...this.waiting.keys()]) this.release(key, true);
  }

  private release(key: string, forget: boolean): void {
    const e = this.waiting.get(key)!;
    if (forget) this.waiting.delete(key);
    if (!e.latest) return;
    const w = e.latest;
    // The latest stands for itself and the ones that waited before it.
    this.write(w, e.count - 1, e.lastIso);
    this.folded--;
    if (!forget) Object.assign(e, { lastIso: w.at, count: 0, latest: null, since: 0 });
  }
}
