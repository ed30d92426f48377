import type { EventBase, HubEvent } from '../../src/core/model/events.js';
import type { Prefixed } from '../shapes/types.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a message parser adds to the record: the kind and its fields. */
export type Fields = DistributiveOmit<HubEvent, keyof EventBase>;

export interface MessageParser {
  name: string;
  /** Returns the event fields, or null when the message is not one of this module's. */
  parse(msg: string, p: Prefixed): Fields | null;
  /** Real-shaped sample messages with the kind each must produce (tested in one place). */
  samples: Array<{ line: string; kind: Fields['kind'] }>;
}
