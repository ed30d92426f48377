import type { EventBase, HubEvent } from '../../src/core/model/events.js';
import type { Prefixed } from '../shapes/types.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a message parser adds to the record: the kind and its fields. */
export type Fields = DistributiveOmit<HubEvent, keyof EventBase>;

/**
 * A text every message this parser reads contains, at the start or at the end of the message's
 * first line. The noise rule (noise.ts), the string pre-check (record.ts) and `hubsleuth filter`
 * (needles.ts) are all built from these, so they cannot drift apart.
 */
export interface TextNeedle {
  text: string;
  at: 'start' | 'end';
  /**
   * For `hubsleuth filter` only: a text every such message holds further in, used instead of
   * `text` where `text` alone is a word too common to filter by (`User ` starts many lines).
   */
  inner?: string;
  /** Whole first lines that contain the text but that the correlator never reads. */
  except?: readonly string[];
  why: string;
}

/**
 * Which request lines (`<status> <METHOD> <path> …`, access log and tornado's `web:` lines) the
 * correlator reads: every condition given must hold.
 */
export interface RequestNeedle {
  /** `error`: 400 and above. */
  status?: 'error' | number;
  method?: string;
  /** The path (without the query) ends with this. */
  pathEnd?: string;
  /** The `(user@ip)` part names someone (not `(@ip)`). */
  named?: boolean;
  why: string;
}

export type Needle = TextNeedle | RequestNeedle;

export interface MessageParser {
  name: string;
  /** Returns the event fields, or null when the message is not one of this module's. */
  parse(msg: string, p: Prefixed): Fields | null;
  /** What its messages contain: a message with none of these is never handed to parse() by `analyze`. */
  needles: readonly Needle[];
  /** Real-shaped sample messages with the kind each must produce (tested in one place). */
  samples: Array<{ line: string; kind: Fields['kind'] }>;
}
