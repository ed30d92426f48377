// Nothing refused and nobody deleted, in enough of the hub's log to say so: the culler seen and not
// deleting users, or at least one cull cycle of records, most of them understood.
import { formatDuration as duration } from '../../core/duration.js';
import { cullerSparesUsers, gaps } from '../sufficiency.js';
import { defineVerdict } from './types.js';
import { plural } from './words.js';

export const none = defineVerdict({
  id: 'none',
  title: 'No refused logins explained by user deletions',
  decide(v) {
    if (v.denials.length > 0 || gaps(v.seen, v.culler).length > 0) return null;
    const span = `${duration(v.seen.spanSeconds * 1000)} of hub log (${plural(v.seen.hubRecords, 'record')}, ${plural(v.seen.hubStarts, 'hub start')})`;
    return {
      confidence: 'high',
      summary: cullerSparesUsers(v.culler)
        ? `No refused logins and no user deletions in ${span}: the culler culls idle servers only.`
        : `No refused logins and no user deletions in ${span}, more than one cull cycle.`,
      remediation: [],
    };
  },
});
