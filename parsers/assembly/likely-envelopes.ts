// Envelopes that other text looks like too: a syslog line cut to its tag (`jupyterhub: [W …`) and
// `hub: {}` (YAML), stern's `pod container line` and a sentence that starts with two words. Such
// an envelope is kept when the text inside it is a log record (a line shape reads it, or it
// starts with a log level in brackets, as hub, notebook and culler lines do even when their time
// was cut) or a record's 4-space continuation line, or when an earlier line of the same writer (tag, pod and container) was one: then the
// line is that program's, read or not (`systemd: Starting Jupyterhub...` after `systemd: [I …`,
// a traceback's `jupyterhub: File "…"` lines).
// Anything else keeps its text as the input shows it.
import type { Unwrapped } from '../envelopes/types.js';
import { parseShape } from '../shapes/index.js';
import { stripAnsi } from '../../src/core/text.js';
import type { Zone } from '../../src/core/time.js';

const LEVEL_PREFIX = /^\[[DIWEC] \S/;
// systemd's own words about a unit (`Starting Jupyterhub...`, `Stopped JupyterHub.`): its tag needs no earlier line.
const SYSTEMD_UNIT = /^(?:Starting|Stopping|Reloading) .+\.\.\.$|^(?:Started|Stopped|Reloaded) .+\.$/;
// More writers than a paste has are not worth remembering.
const MAX_WRITERS = 64;

export class LikelyEnvelopes {
  private readonly proven = new Set<string>();

  /** `u` as a likely envelope unwrapped it, or the line as plain text. */
  check(u: Unwrapped, copied: string, zone: Zone): Unwrapped {
    const key = u.likely!;
    const text = stripAnsi(u.text);
    if (LEVEL_PREFIX.test(text) || text.startsWith('    ') || (key === 'systemd' && SYSTEMD_UNIT.test(text)) || parseShape(text, zone)) {
      if (this.proven.size < MAX_WRITERS) this.proven.add(key);
      return u;
    }
    return this.proven.has(key) ? u : { envelope: 'plain', text: copied, t: NaN };
  }
}
