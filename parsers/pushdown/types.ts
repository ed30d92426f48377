// A push-down dialect: the needles (../needles.ts) written in the query language of a place where
// hub logs are kept, so that place sends only the lines hubsleuth reads.

/** What the user tells `hubsleuth filter` about where the hub's lines are. */
export interface PlaceOptions {
  /** Kubernetes namespace of the hub; undefined: any. */
  namespace?: string;
  /** The hub's container name; '' for no condition on it. */
  container: string;
  /** Cloud Logging's monitored-resource type. */
  resourceType: string;
  /** A LogQL stream selector that replaces the one built from namespace and container. */
  selector?: string;
  /** Only lines newer than this duration (`48h`, `2d`), for dialects that carry a time range. */
  since?: { amount: number; unit: 's' | 'm' | 'h' | 'd' };
  /** Now, for dialects that need an absolute time. */
  now: number;
}

export interface Dialect {
  /** The option that picks it: `--<id>`. */
  readonly id: string;
  /** What it prints, for `filter --help`. */
  readonly title: string;
  render(o: PlaceOptions): string;
  /** The command that runs the printed filter and pipes its result into hubsleuth. */
  readonly example: string;
  /** Quoting and limits a user must know. */
  readonly notes: string;
  /** Where the time range goes when the dialect cannot carry `--since` itself. */
  readonly sinceElsewhere?: string;
}

/** A string in double quotes with backslash escapes (LogQL, Cloud Logging, Logs Insights). */
export const quoted = (s: string) => `"${s.replace(/[\\"]/g, '\\$&')}"`;
