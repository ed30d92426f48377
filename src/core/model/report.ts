// The report, as its JSON contract schema/report-v1.schema.json (hubsleuth.report/v1) describes it.
// Every reporter renders this one object; none of them looks at raw lines.

export const REPORT_SCHEMA = 'hubsleuth.report/v1';

/**
 * The ids that registries in src/correlate define: refusal causes (correlate/causes), finding
 * kinds (correlate/findings) and verdicts (correlate/verdicts). The model may not import them, so
 * each registry's index.ts declares its ids into this interface (declaration merging): the unions
 * below are exactly the registered ids, a mistyped id does not compile in any layer, and adding an
 * entry needs no edit here. The schema enums are held to the same registries by a test.
 * @public (merged into, never imported, by the registries)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the registries
export interface Registered {}

export type RootCause = Registered['verdict'];

export type Confidence = 'high' | 'medium' | 'low';

export type DenialCause = Registered['cause'];

export interface Evidence {
  source: string;
  line: number;
  text: string;
}

export interface Incident {
  user: string;
  deletedAt: string;
  deletedBy: 'culler' | 'admin' | 'unknown';
  actor: string | null;
  inactiveFor: string | null;
  denials: number;
  firstDeniedAt: string | null;
  lastDeniedAt: string | null;
  restoredAt: string | null;
  /** How access came back first (`restoredAt`): a hub restart, which reloads the allow list, or a successful login. */
  restoredBy?: 'login' | 'restart' | null;
  evidence: Evidence[];
}

/** Whose log line shows a refusal: the hub, a single-user server, another service, the idle culler, the proxy. */
export type Component = 'hub' | 'singleuser' | 'service' | 'culler' | 'proxy';

/**
 * Where a refusal's user comes from: the access line's `(user@ip)`, a reason line's text, the
 * request path, its `next=` URL, its OAuth state, a `<User(…)>` repr, a KubeSpawner pod name, or
 * another line of the same request.
 */
export type Attribution = 'access-line' | 'message' | 'path' | 'next' | 'state' | 'repr' | 'pod' | 'request';

/** One refused request, however many of its lines (access, `web:`, reason lines) the input has. */
export interface Denial {
  at: string;
  user: string | null;
  /** Null, with `method` and `path`, when no line of the request in the input says it. */
  status: number | null;
  method: string | null;
  path: string | null;
  cause: DenialCause;
  component: Component;
  attributedBy: Attribution | null;
  /** What the log says was missing or wrong (a scope, an XSRF check), in its words; null when nothing does. */
  detail: string | null;
  /** For a refusal no line of the input explains: the line that would have, had the input kept it; else null. */
  missing: string | null;
  incident: number | null;
  source: string;
  line: number;
}

/**
 * The refused requests: an array, or the correlator's columns (correlate/denials.ts), which make
 * each Denial when it is read. Reporters iterate; they never keep them all as objects.
 */
export interface DenialList extends Iterable<Denial> {
  readonly length: number;
  slice(start?: number, end?: number): Denial[];
  /** Denial `i` exactly as JSON.stringify writes it, when the list can write it faster itself. */
  jsonAt?(i: number): string;
}

/** A report as its JSON reads back: the denials are an array. */
export type ReportJson = Omit<Report, 'denials'> & { denials: Denial[] };

export type FindingKind = Registered['finding'];

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export interface Finding extends FindingFields {
  kind: FindingKind;
  /** Its registry entry's title: every format names the finding by it. */
  title: string;
}

/** A finding but its kind (the finding modules are typed by their kind; FindingKind comes from them). */
export interface FindingFields {
  severity: Severity;
  at: string | null;
  summary: string;
  users?: string[];
  /** What to do about it, as our own Markdown (code spans); never log text. */
  remediation?: string[];
  evidence: Evidence[];
}

export interface HubStart {
  at: string;
  version: string | null;
  source: string;
  line: number;
}

export interface CullerSummary {
  seen: boolean;
  cullsUsers: boolean | null;
  timeoutSeconds: number | null;
  everySeconds: number | null;
  maxAgeSeconds?: number | null;
  /** Which of the values above were inferred from behaviour rather than read from the logged argv. */
  inferred?: string[];
  evidence: Evidence[];
}

export interface InputSummary {
  source: string;
  format: string;
  envelope: string;
  lines: number;
  /** Lines in log records read. `lines` = `parsed` + `artifacts` + `fragments` + `unparsed`. */
  parsed: number;
  unparsed: number;
  /** Lines that are no log record (what a paste carries around the log). */
  artifacts: number;
  /** Lines of records whose first line is not in the input. */
  fragments: number;
  first: string | null;
  last: string | null;
  /** Why the input was not read, or not all of it, or is not a log (absent when it was read). */
  error?: string;
}

export interface Totals {
  lines: number;
  parsed: number;
  unparsed: number;
  artifacts: number;
  fragments: number;
  duplicates: number;
}

export interface Verdict {
  rootCause: RootCause;
  /** What the verdict means, as a heading sentence: the one title every format shows. */
  title: string;
  confidence: Confidence;
  summary: string;
  remediation: string[];
}

/** A refusal cause as a report explains it: the registry entry's words, and how often it was seen. */
export interface CauseDescription {
  title: string;
  explanation: string;
  remediation: string[];
  severity: Severity;
  /** Refused requests of this report with this cause. */
  count: number;
}

/**
 * What the report saw, the ground its verdict stands on: an all-clear needs enough of the hub's
 * own log, and a reader must see how much that was.
 */
export interface Seen {
  /** Records read as JupyterHub, idle-culler or proxy records. */
  hubRecords: number;
  hubStarts: number;
  cullerSeen: boolean;
  /** The time covered: the inputs' first and last record, within --since/--until (null without times). */
  from: string | null;
  to: string | null;
  spanSeconds: number;
  /** Share of the records understood (hub records over all records), 0 to 1, two decimals. */
  understood: number;
  /** Two or more inputs with hub records, correlated as one hub's log: the assumption, stated. */
  oneHubAssumed?: string[];
  /** Why those inputs were read as one hub: what they share, or that nothing told them apart. */
  oneHubBecause?: string[];
}

/** Which hub a section of the report is about, and how its inputs were told from the others'. */
export interface HubIdentity {
  /** What the report calls it: its namespace or host when the envelopes name one, else its first input. */
  name: string;
  namespace: string | null;
  host: string | null;
  /** Its inputs, as the report's `inputs` name them (one input that holds several hubs' lines is an input of each). */
  inputs: string[];
  /** Why it is told apart from the other hubs. */
  apart: string[];
  /** Only how the inputs were given (together or separately) decided, nothing in the logs. */
  assumed: boolean;
}

/** Who stopped a server: the idle culler, its user, an admin, the hub (at its shutdown), or no one (it crashed). */
export type StoppedBy = 'culler' | 'user' | 'admin' | 'hub' | 'crash';

/** Why: idle past the culler's timeout, older than its max age, its process exited, OOM-killed, evicted, its node scaled down, the hub shut down. */
export type StopReason = 'idle' | 'max-age' | 'exit-code' | 'oom' | 'evicted' | 'scale-down' | 'shutdown';

/** Why a spawn failed: the hub's timeouts and errors, and what the pod's Kubernetes events said held it. */
export type SpawnFailureReason = 'timeout' | 'no-response' | 'exited' | 'proxy' | 'error' | 'image-pull' | 'unschedulable';

/**
 * One step of a user's story (`users[].story[]`), with the line that shows it. `server` is null
 * for the user's default server.
 */
export type UserStep = { t: string | null; source: string; line: number } & (
  | { kind: 'login' }
  | { kind: 'spawn-requested'; server: string | null }
  | { kind: 'spawn-pending'; server: string | null; detail: string }
  | { kind: 'spawn-started'; server: string | null; seconds: number }
  | { kind: 'spawn-failed'; server: string | null; reason: SpawnFailureReason; detail: string; exitCode: number | null }
  | { kind: 'stop'; server: string | null; by: StoppedBy | null; reason: StopReason | null; inactive: string | null; exitCode: number | null; actor: string | null }
  | { kind: 'deleted'; by: Incident['deletedBy']; actor: string | null }
  | { kind: 'refused'; cause: DenialCause; status: number | null }
  | { kind: 'restart'; version: string | null }
);

/** Everything the logs tell of one user, in time order. */
export interface UserStory {
  user: string;
  story: UserStep[];
}

/** What a report says about one hub's logs: the whole report but its header and its hubs. */
export interface ReportBody {
  verdict: Verdict;
  seen: Seen;
  incidents: Incident[];
  denials: DenialList;
  /** The causes of `denials`, by id, in registry order: reporters take their words from here. */
  causes: Partial<Record<DenialCause, CauseDescription>>;
  findings: Finding[];
  hubStarts: HubStart[];
  culler: CullerSummary;
  /** Every user a step names, by name (the one user of `--user`). */
  users?: UserStory[];
  inputs: InputSummary[];
  totals: Totals;
}

/** One hub's section of a report of several hubs, correlated on its own. */
export interface HubReport extends ReportBody {
  hub: HubIdentity;
}

/**
 * The report. With the logs of several hubs, `hubs` holds each hub's own section and the fields
 * of the body are all hubs' together (each finding, incident and denial still of one hub).
 */
export interface Report extends ReportBody {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'hubsleuth'; version: string };
  hubs?: HubReport[];
}

export interface RenderOptions {
  /** Use ANSI colour (text format only). */
  color: boolean;
  /** IANA zone or ±HH:MM for displayed times; UTC when absent. JSON always stays UTC. */
  tz?: string;
  /** Terminal columns the text report fits; no limit when absent (one line per paragraph and row). */
  width?: number;
}

/** One signature for every output format. */
export type Reporter = (report: Report, options: RenderOptions) => string;
