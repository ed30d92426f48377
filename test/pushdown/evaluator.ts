import type { Sample } from './records.js';

/**
 * Evaluates a printed filter with its platform's semantics (the subset the filter uses) over a
 * sample laid out as that platform keeps it: the records kept, and the platform's export of them
 * as its documented command writes it. `universe`: how many of the sample's records the platform
 * holds (grep reads the hub's own file, without the other containers' lines).
 */
export type Evaluator = (filter: string, sample: Sample) => { kept: Set<number>; exported: string; universe?: number };

/** A JavaScript RegExp for the regex subset the filters print (literals, sets, alternation): it means the same in RE2, ERE and Java. */
export const regex = (re: string) => new RegExp(re);
