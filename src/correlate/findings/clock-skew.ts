// Two inputs hold the same records at different envelope times: the merge found their clocks
// apart, and ordering across them is only as good as that.
import { defineFinding, type FindingContext, type FindingOf } from './types.js';

export const clockSkew = defineFinding({
  kind: 'clock-skew',
  title: 'Clocks of two inputs disagree',
  start: () => ({
    finish: ({ merge }: FindingContext): FindingOf<'clock-skew'>[] => merge.skews.map((s) => ({
      kind: 'clock-skew', severity: 'info', at: null, evidence: [],
      summary: `The same records carry times ${Math.abs(s.ms) / 1000}s apart in ${s.a} and ${s.b}: their envelope clocks disagree; ordering across them is only as good as that.`,
    })),
  }),
});
