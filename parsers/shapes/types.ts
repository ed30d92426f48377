import type { Level, Shape } from '../../src/core/model/events.js';

/** A line whose prefix was recognised: the shape, its level and time, and the message after it. */
export interface Prefixed {
  shape: Shape;
  level?: Level;
  /** In-line time resolved to UTC ms (NaN when the shape has no date). */
  t: number;
  logger?: string;
  module?: string;
  msg: string;
}
