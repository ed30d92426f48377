// A finding: something a responder must know besides the incidents. Each kind is one module that
// observes the story steps it needs while the correlator runs and writes its findings at the end.
// Registered in ./index.ts.
import type { HubEvent } from '../../core/model/events.js';
import type { MergeStats } from '../../core/model/inputs.js';
import type { DenialCause, Evidence, FindingFields, HubStart, UserStory } from '../../core/model/report.js';
import type { RefusedRequest } from '../causes/types.js';
import type { IncidentRecord } from '../incidents.js';

/** What the correlator concluded, one step at a time, in log order. */
export type StoryStep =
  /** `line` is null for the version line of a start whose config line came first (one start, told twice). */
  | { kind: 'hub-start'; version: string | null; line: Evidence | null }
  /** `line`: the line that deleted the user (the hub's DELETE, else the culler's). */
  | { kind: 'user-deleted'; user: string; at: string; line: Evidence; incident: Readonly<IncidentRecord> }
  /** `Adding role user for User: <name>`: a user row the hub (re)created, at a start or since. */
  | { kind: 'user-added'; user: string; ev: HubEvent }
  /** An admin (re)created the user through the API. */
  | { kind: 'user-created'; user: string }
  | { kind: 'login'; user: string; ev: HubEvent }
  /** `incident`: the open incident the refusal counts in, when its cause joins one. */
  | { kind: 'refused'; request: RefusedRequest; cause: DenialCause; incident: Readonly<IncidentRecord> | null }
  /** An access line of the idle culler's own request, refused or not. */
  | { kind: 'culler-request'; ok: boolean; ev: HubEvent }
  /** The culler's own error (`detail`: which run of it failed), whether or not the hub's lines are in the input. */
  | { kind: 'culler-error'; detail: string | null; status: number | null; ev: HubEvent }
  | { kind: 'volume-deleted'; ev: HubEvent }
  /** A line about a user's server (spawn, stop, crash, route) or the hub's watch on its pods, as read. */
  | { kind: 'server'; ev: HubEvent };

/** What is known once the stream has ended. */
export interface FindingContext {
  readonly incidents: readonly Readonly<IncidentRecord>[];
  readonly hubStarts: readonly HubStart[];
  readonly merge: MergeStats;
  /** The time of the latest record read (epoch ms), null when none had one. */
  readonly end: number | null;
  /** The users' stories (of the one user of `--user`). */
  readonly stories: readonly UserStory[];
  /** The one user the report is narrowed to (`--user`): the incidents above are theirs only. */
  readonly user?: string;
}

export type FindingOf<K extends string> = { kind: K } & FindingFields;

export interface FindingObserver<K extends string = string> {
  observe?(step: StoryStep): void;
  /** Called once, after the last step. The findings are new objects: nothing of the observer's. */
  finish(ctx: FindingContext): FindingOf<K>[];
}

export interface FindingModule<K extends string = string> {
  /** Part of the JSON contract (`findings[].kind`): add kinds, never rename one. */
  readonly kind: K;
  /** What the finding is, in every format (text, Markdown, HTML, JSON `findings[].title`). */
  readonly title: string;
  /** A fresh observer for one run of the correlator. */
  start(): FindingObserver<K>;
}

/** Keeps the literal kind, so the registry's kind union is derived from its entries. */
export function defineFinding<const K extends string>(m: FindingModule<K>): FindingModule<K> {
  return m;
}
