import type { EnvelopeKind } from '../../src/core/model/events.js';
import type { KubeEvent } from './kube-event.js';

/** A line with its envelope taken off. */
export interface Unwrapped {
  envelope: EnvelopeKind;
  /** The line inside the envelope. */
  text: string;
  /** The envelope's own time (UTC epoch ms), NaN when it has none. */
  t: number;
  pod?: string;
  container?: string;
  /** The Kubernetes namespace the export names: which hub the line is from. */
  namespace?: string;
  /** The machine a syslog line names: which hub the line is from, off Kubernetes. */
  host?: string;
  stream?: string;
  /** A piece of a longer line that continues in the next record (CRI `P`, docker without `\n`). */
  partial?: boolean;
  /** A syslog time, which has no year: the record assembly takes the year from the records around it. */
  stamp?: YearlessStamp;
  /** The program or service the envelope names (syslog tag, compose service): its lines are records even when no shape reads them. */
  writer?: string;
  /** A screen row (k9s) whose text reached the right border: its record may go on in the next row. */
  full?: boolean;
  /**
   * The envelope is only likely (prose and YAML can look like it): the record assembly keeps it where
   * the input shows this writer's lines are log lines (parsers/assembly/likely-envelopes.ts).
   */
  likely?: string;
  /** A Kubernetes Event, not a log line: the record parser makes it a `k8s-event` as it is (./kube-event.ts). */
  k8s?: KubeEvent;
}

/** Month (1-12), day and milliseconds since midnight, local to the host that wrote them. */
export interface YearlessStamp {
  month: number;
  day: number;
  ms: number;
}

/** What a sample line must unwrap to. */
export interface EnvelopeSample {
  line: string;
  envelope: EnvelopeKind;
  text: string;
  /** The envelope's time as ISO, when it has one. */
  t?: string;
}

/** One way a line arrives: registered in ./index.ts, tried in registry order. */
export interface Envelope {
  /** The `envelope` values this entry gives its lines. */
  readonly ids: readonly EnvelopeKind[];
  /** What produces it, for `hubsleuth help formats` and the README. */
  readonly title: string;
  /**
   * Characters a line of this envelope can start with: `unwrap()` asks an entry only about lines
   * that start with one of them ('' = any line), so the common lines pay for few checks.
   */
  readonly starts: string;
  unwrap(line: string): Unwrapped | null;
  /**
   * What it unwraps may sit in another envelope (a quote or a screen border around a syslog line):
   * the text inside is unwrapped again.
   */
  readonly nests?: boolean;
  readonly samples: readonly EnvelopeSample[];
}

/** One JSON export shape (one object per record), registered in ./json/index.ts. */
export interface JsonExport {
  readonly id: EnvelopeKind;
  readonly title: string;
  /**
   * The record inside the object, or null when the object is not of this export. `inner` reads an
   * object wrapped inside this one with every export.
   */
  unwrap(o: Record<string, unknown>, inner: UnwrapInner): Unwrapped | null;
  readonly samples: readonly EnvelopeSample[];
}

export const DIGITS = '0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** The JSON exports, for an export that wraps another one's record (an Elasticsearch hit, a CloudWatch message). */
export type UnwrapInner = (o: Record<string, unknown>) => Unwrapped | null;

/** What one record of a sample document must unwrap to. */
export interface DocumentSample {
  document: string;
  records: readonly Omit<EnvelopeSample, 'line'>[];
}

/**
 * A whole-document export: one JSON document (pretty-printed or not) whose records are the
 * elements of one array inside it, registered in ./documents/index.ts. Each element, made an
 * object by `record`, is read by the JSON exports (./json/).
 */
export interface DocumentExport {
  readonly id: string;
  readonly title: string;
  /** Keys from the document's top to the array of records; [] when the document is that array. */
  readonly path: readonly string[];
  /** One element as the object the JSON exports read (default: the element when it is an object). */
  record?(element: unknown): Record<string, unknown> | null;
  /**
   * The records are the top-level values themselves, pretty-printed one after another (`path` is
   * then []): a stream that may never end, so each record is passed on as soon as it closes.
   */
  readonly stream?: boolean;
  /** Its records come in no time order (a list by name): held and put in time order at its end. */
  readonly unordered?: boolean;
  readonly samples: readonly DocumentSample[];
}
