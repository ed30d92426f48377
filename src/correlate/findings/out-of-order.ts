// Records of one input that came after records well later than them: the merge passed them on
// where they came instead of holding the rest of the input back for them (bounded memory), so
// their order with the records around them, and links that depend on it, may be wrong.
import { defineFinding, type FindingContext, type FindingOf } from './types.js';

const s = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const outOfOrder = defineFinding({
  kind: 'out-of-order',
  title: 'Lines out of time order',
  start: () => ({
    finish: ({ merge }: FindingContext): FindingOf<'out-of-order'>[] => merge.late.map((l) => ({
      kind: 'out-of-order', severity: 'warning', at: null, evidence: l.evidence.map((e) => ({ ...e })),
      summary: l.newestFirst
        ? `${l.source} is written newest first and is longer than hubsleuth puts in order: ${s(l.count, 'record', 'records')} came after later ones and were read where they came, so links between them may be missed. Export it oldest first (logcli query --forward) or sort it by time.`
        : `${s(l.count, 'record', 'records')} of ${l.source} came after records up to ${l.maxMs / 1000} s later than them: they were read where they came, so their order with the records around them may be wrong.`,
    })),
  }),
});
