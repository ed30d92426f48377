// The report as promised in ../shared/reference/report-contract.md (schema hubsleuth.report/v1).
// Every reporter renders this one object; none of them looks at raw lines.

export const REPORT_SCHEMA = 'hubsleuth.report/v1';

export type RootCause =
  | 'culler-deleted-users'
  | 'admin-deleted-users'
  | 'users-not-allowed'
  | 'xsrf'
  | 'none'
  | 'inconclusive';

export type Confidence = 'high' | 'medium' | 'low';

export type DenialCause =
  | 'deleted-by-culler'
  | 'deleted-by-admin'
  | 'not-allowed'
  | 'blocked'
  | 'xsrf'
  | 'permission'
  | 'unknown';

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
  /** How access came back (`restoredAt`): a successful login. */
  restoredBy?: 'login' | null;
  evidence: Evidence[];
}

export interface Denial {
  at: string;
  user: string | null;
  status: number;
  method: string;
  path: string;
  cause: DenialCause;
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

export type FindingKind =
  | 'allow-list-emptied'
  | 'home-volumes-deleted'
  | 'culler-refused'
  | 'pattern-recurred'
  | 'clock-skew';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  at: string | null;
  summary: string;
  users?: string[];
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
  parsed: number;
  unparsed: number;
  first: string | null;
  last: string | null;
}

export interface Totals {
  lines: number;
  parsed: number;
  unparsed: number;
  duplicates: number;
}

export interface Verdict {
  rootCause: RootCause;
  confidence: Confidence;
  summary: string;
  remediation: string[];
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'hubsleuth'; version: string };
  verdict: Verdict;
  incidents: Incident[];
  denials: DenialList;
  findings: Finding[];
  hubStarts: HubStart[];
  culler: CullerSummary;
  inputs: InputSummary[];
  totals: Totals;
}

export interface RenderOptions {
  /** Use ANSI colour (text format only). */
  color: boolean;
  /** IANA zone or ±HH:MM for displayed times; UTC when absent. JSON always stays UTC. */
  tz?: string;
}

/** One signature for every output format. */
export type Reporter = (report: Report, options: RenderOptions) => string;
