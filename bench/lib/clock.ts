// Hostile clocks for the memory yardsticks: a log whose clock is stuck (every record written in
// one millisecond, so no window of log time ever closes) and a log with one line far out of order
// (a record from weeks later at the top, which a merge waiting for log time to catch up would
// hold the rest of the input for). Each rewrites the generated records as they are written.
import { cullerTs, hubTs } from './fmt.js';

export const CLOCKS = ['stuck', 'future-line'] as const;
export type ClockName = (typeof CLOCKS)[number];

export interface Clock {
  /** The record's time as its envelope stamps it. */
  t(t: number): number;
  /** The record's text, its lines' own times rewritten or a line put before it. */
  text(text: string, t: number): string;
}

const HUB_TIME = /^\[([A-Z]) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /gm;
const CULLER_TIME = /^\[([A-Z]) \d{6} \d\d:\d\d:\d\d /gm;

/** Every record at the time of the first one. */
function stuck(): Clock {
  let at: number | null = null;
  return {
    t: (t) => (at ??= t),
    text(text, t) {
      at ??= t;
      return text.replace(HUB_TIME, `[$1 ${hubTs(at)} `).replace(CULLER_TIME, `[$1 ${cullerTs(at)} `);
    },
  };
}

const WEEKS_LATER = 20 * 86_400_000;

/** The records as generated, and before the first one a refused request written 20 days later. */
function futureLine(): Clock {
  let done = false;
  return {
    t: (t) => t,
    text(text, t) {
      if (done) return text;
      done = true;
      return `[W ${hubTs(t + WEEKS_LATER)} JupyterHub log:192] 403 GET /hub/user/from-the-future/ (from-the-future@10.0.9.9) 2.00ms\n${text}`;
    },
  };
}

export const clock = (name: ClockName): Clock => (name === 'stuck' ? stuck() : futureLine());
