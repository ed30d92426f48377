// What a deployment's config prints while the hub handles a request (z2jh shape: unprefixed
// stdout of the hub process). 2i2c's basehub profile filter prints, at each spawn, whether the
// user has an auth_state and which groups the user is in, then raises a 403 when no profile is
// left: the user its 403 does not name. Read as a message that names its user; the correlator
// ties it to the refusal whose first line comes right after it (src/correlate/correlator.ts).
// Only the two prints whose words end the line are read (the noise rule keeps a line by its
// start or end): the group list, when not empty, ends the other one.
import type { Fields, MessageParser } from './types.js';
import { realName } from '../../src/core/users.js';

const NO_AUTH_STATE = ' does not have any auth_state set, profile_list filtering not available';
const NO_GROUPS = ' is part of groups';

function named(msg: string, tail: string): string | null {
  const line = msg.trimEnd();
  if (!line.startsWith('User ') || !line.endsWith(tail)) return null;
  const name = line.slice(5, line.length - tail.length);
  return /^\S+$/.test(name) ? realName(name) : null;
}

export const configPrints: MessageParser = {
  name: 'config-prints',
  parse(msg, p): Fields | null {
    if (p.shape !== 'z2jh' || msg.includes('\n')) return null;
    const user = named(msg, NO_AUTH_STATE) ?? named(msg, NO_GROUPS);
    return user === null ? null : { kind: 'message', user };
  },
  needles: [
    { text: NO_AUTH_STATE, at: 'end', why: "a profile filter names the user whose spawn it may refuse (no auth_state)" },
    { text: NO_GROUPS, at: 'end', why: 'a profile filter names the user whose spawn it may refuse (in no group)' },
  ],
  samples: [
    { line: 'User mbrandt does not have any auth_state set, profile_list filtering not available', kind: 'message' },
    { line: 'User mbrandt is part of groups ', kind: 'message' },
  ],
};
