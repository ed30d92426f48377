// How much of the input was understood: the lines of log records read, against the lines of log
// records at all. Paste artefacts and fragments are no records of the input, so they count in
// neither (a pasted prompt is not a line the tool failed to read).
import type { Totals } from './model/report.js';
import { plural } from './text.js';

type Counts = Pick<Totals, 'parsed' | 'unparsed' | 'artifacts' | 'fragments'>;

/** The share of record lines understood (0–1), or null when the input holds no record line. */
export function understoodShare(t: Pick<Counts, 'parsed' | 'unparsed'>): number | null {
  const records = t.parsed + t.unparsed;
  return records === 0 ? null : t.parsed / records;
}

/** One sentence for the reports: every line as a record understood, a paste artefact, a fragment or not understood. */
export function coverageSentence(t: Counts): string {
  const share = understoodShare(t);
  // 99.96% is not "100%": only a log read whole says so.
  const pct = share === null ? null : share === 1 ? '100' : (Math.floor(share * 1000) / 10).toFixed(1);
  return `Coverage: ${plural(t.parsed, 'line')} in log records understood, ${plural(t.artifacts, 'paste artefact')}, ${plural(t.fragments, 'line')} in fragments, ${t.unparsed} not understood`
    + (pct === null ? '.' : ` (${pct}% of record lines understood).`);
}
