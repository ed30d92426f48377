import type { ArtifactKind } from '../../src/core/model/events.js';

/**
 * One kind of line that a paste carries around a log but that is no log record: registered in
 * ./index.ts. Asked only about lines that no envelope, shape or continuation rule placed.
 */
export interface Artifact {
  /** The event's `artifact` value. */
  readonly id: ArtifactKind;
  /** What it is, for `hubsleuth help formats`. */
  readonly title: string;
  /** Whether it can be inside an envelope (a syslog line's text); most are the paster's own lines. */
  readonly inEnvelope?: boolean;
  /** Whether `text` (the line inside its envelope, ANSI removed) is one. */
  test(text: string): boolean;
  /** Lines that are one (and each must be claimed by this entry). */
  readonly samples: readonly string[];
}
