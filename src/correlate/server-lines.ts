// What the server findings, stories and alerts share: a few lines of each as evidence, which users a
// list of steps names, and the one message of a failed spawn that only tornado writes.
import type { HubEvent } from '../core/model/events.js';
import type { Evidence, UserStep, UserStory } from '../core/model/report.js';
import { evidenceOf } from './evidence.js';

const MAX_EVIDENCE = 5;

/** The first lines of a kind of event, as evidence. */
export class FirstLines {
  private readonly kept: Evidence[] = [];

  add(ev: HubEvent): void {
    if (this.kept.length < MAX_EVIDENCE) this.kept.push(evidenceOf(ev));
  }

  get evidence(): Evidence[] {
    return [...this.kept];
  }
}

/** Each user's steps that `pick` keeps, with the user. */
export function stepsOf<S extends UserStep>(stories: readonly UserStory[], pick: (s: UserStep) => s is S): Array<{ user: string; step: S }> {
  return stories.flatMap((u) => u.story.filter(pick).map((step) => ({ user: u.user, step })));
}

/** `timeout 3, image-pull 1`: how many of each, most first. */
export function tally(keys: readonly string[]): string {
  const n = new Map<string, number>();
  for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${c}`).join(', ');
}

export function usersOf(rows: ReadonlyArray<{ user: string }>): string[] {
  return [...new Set(rows.map((r) => r.user))].sort();
}

// tornado's warning of the spawn request that failed because the server's process ended.
const SPAWNER_FAILED = /^Spawner failed to start \[status=(-?\d+|\w+)\]\. The logs for (\S+) may contain details/;

/** The user and exit code of a `Spawner failed to start [status=N]. The logs for <user> …` message, or null. */
export function spawnerFailed(message: string): { user: string; exitCode: number | null } | null {
  const m = SPAWNER_FAILED.exec(message);
  return m ? { user: m[2], exitCode: /^-?\d+$/.test(m[1]) ? Number(m[1]) : null } : null;
}
