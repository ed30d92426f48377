// `--since-start`: no alerts for history that a hub start has already made moot.
// While the backlog is being read (`kubectl logs -f --since=48h` sends hours of log at once), alerts
// are held back; each hub start in the backlog drops what was held (the start reloaded the allow list,
// so those users can log in again) and is itself held as the first alert of the new stretch. Once the
// stream has caught up, what is held goes out (it happened after the last start, so it is still in
// force: a user deleted since then is still locked out), and from then on every alert goes out at once,
// restarts included. The state is still built from the whole backlog: a 403 after catching up is
// linked to a deletion read from the backlog.
import type { WatchAlert } from './alerts.js';

// Held alerts are few (one stretch between restarts); the cap only guards against a pathological backlog.
const MAX_HELD = 10_000;

export class SinceStartGate {
  private held: WatchAlert[] | null;
  /** Alerts dropped because a later hub start made them history. */
  dropped = 0;
  /** The last hub start seen while catching up (ISO), if any. */
  lastStartAt: string | null = null;

  constructor(enabled: boolean, private readonly out: (w: WatchAlert) => void) {
    this.held = enabled ? [] : null;
  }

  get catchingUp(): boolean {
    return this.held !== null;
  }

  offer(w: WatchAlert): void {
    if (this.held === null) {
      this.out(w);
      return;
    }
    if (w.kind === 'hub-restarted') {
      // A start reloads its own hub's allow list: another hub's alerts are still in force.
      const kept = this.held.filter((h) => h.hub !== w.hub);
      this.dropped += this.held.length - kept.length;
      this.held = kept;
      this.lastStartAt = w.at;
    }
    this.held.push(w);
    if (this.held.length > MAX_HELD) {
      this.held.shift();
      this.dropped++;
    }
  }

  /** The backlog has been read: release what is still in force and go live. */
  caughtUp(): void {
    const held = this.held;
    this.held = null;
    for (const w of held ?? []) this.out(w);
  }
}
