// stern (multi-pod tail): `pod container message`, each name coloured on a terminal (pod in bright
// cyan `\x1b[96m`, container in cyan `\x1b[36m`). Plain, two words before a line are common in
// prose too: then the pod name must look generated (`hub-6f9c7d8b5-k2lqz`, `jupyter-ines`), and
// the envelope is only likely until that pod's lines show log records.
import { LOWER, type Envelope } from './types.js';
import { padless } from './host-tag.js';

// eslint-disable-next-line no-control-regex -- the coloured names carry ESC
const COLOURED = /^\x1b\[[0-9;]*m([a-z0-9][a-z0-9.-]{0,252})\x1b\[0m \x1b\[[0-9;]*m([a-z0-9][a-z0-9-]{0,62})\x1b\[0m /;
const PLAIN = /^([a-z0-9][a-z0-9.]*-[a-z0-9.-]*[a-z0-9]) ([a-z0-9][a-z0-9-]{0,62}) /;

export const stern: Envelope = {
  ids: ['stern'],
  title: 'stern (pod and container names before the line, coloured or not)',
  starts: LOWER + '\x1b',
  nests: true,
  unwrap(line) {
    const coloured = line.charCodeAt(0) === 27;
    const m = (coloured ? COLOURED : PLAIN).exec(line);
    if (!m) return null;
    const u = { envelope: 'stern', text: padless(line.slice(m[0].length)), t: NaN, pod: m[1], container: m[2], writer: m[2] };
    return coloured ? u : { ...u, likely: `${m[1]} ${m[2]}` };
  },
  samples: [
    { line: 'jupyter-ines notebook [I 2025-10-07 08:10:03.120 JupyterHubSingleUser] Starting jupyterhub single-user server extension version 5.2.1', envelope: 'stern', text: '[I 2025-10-07 08:10:03.120 JupyterHubSingleUser] Starting jupyterhub single-user server extension version 5.2.1' },
    { line: '\x1b[96mhub-6f9c7d8b5-k2lqz\x1b[0m \x1b[36mhub\x1b[0m [I 251006 09:12:00 __init__:251] Culling server hiro (inactive for 01:04:12)', envelope: 'stern', text: '[I 251006 09:12:00 __init__:251] Culling server hiro (inactive for 01:04:12)' },
  ],
};
