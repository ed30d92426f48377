// A run that read nothing to report on ends with one line saying what was read and why, and no
// report: a report of nothing would say "none", which reads as an all-clear for the hub that was
// never looked at (the wrong namespace, an nginx log, a window that misses the log).
import type { InputSummary, Report } from '../core/model/report.js';
import type { TimeWindow } from './options.js';
import { plural } from '../core/text.js';

const nameOf = (source: string) => (source === '-' ? 'standard input' : source);
const when = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';

/**
 * Why there is no report, or null when there is one to write. An empty string: no report, and the
 * error lines already printed (`explained`: inputs that could not be read or are not logs) say why.
 */
export function whyNoReport(report: Pick<Report, 'inputs' | 'totals'>, window: TimeWindow & { records: number }, explained: ReadonlySet<string>): string | null {
  const read = report.inputs.filter((i) => i.error === undefined || i.lines > 0);
  if (read.length === 0) return '';
  const what = read.length === 1 ? nameOf(read[0].source) : `${read.length} inputs`;
  const lines = report.totals.lines;
  if (lines === 0) return `nothing to report: ${what} held no lines`;
  if (report.totals.parsed === 0) {
    if (read.every((i) => i.lines === 0 || explained.has(i.source))) return '';
    return `nothing to report: read ${plural(lines, 'line')} from ${what}, and none was recognised as a JupyterHub, idle-culler or proxy record: is this the hub's log? (kubectl logs deploy/hub -n NAMESPACE; hubsleuth help formats lists what is read)`;
  }
  // The window can miss the log, or fall in a gap inside it: either way no record was left.
  const span = timeSpan(read);
  if (span && window.records === 0 && (window.since !== undefined || window.until !== undefined)) {
    const bounds = [window.since === undefined ? '' : `--since ${when(window.since)}`, window.until === undefined ? '' : `--until ${when(window.until)}`].filter(Boolean).join(' and ');
    return `nothing to report: read ${plural(lines, 'line')} from ${what}, with records from ${when(span.first)} to ${when(span.last)}, none of them within ${bounds}`;
  }
  return null;
}

/** The records' time span over the inputs, before --since/--until (null when none carries a time). */
function timeSpan(inputs: readonly InputSummary[]): { first: number; last: number } | null {
  const first = Math.min(...inputs.map((i) => (i.first ? Date.parse(i.first) : Infinity)));
  const last = Math.max(...inputs.map((i) => (i.last ? Date.parse(i.last) : -Infinity)));
  return Number.isFinite(first) && Number.isFinite(last) ? { first, last } : null;
}
