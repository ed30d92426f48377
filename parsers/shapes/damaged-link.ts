// A prefix that a web page turned into markdown links when it was copied: GitHub Actions makes a
// line anchor of part of it (`web:[179](https://github.com/…#step:28:182)6]` is `web:1796]`), and
// autolinkers take a file name for a domain (`[auth.py](http://auth.py)`). The links are put back
// to their text, in the prefix only, and the line is read again: it counts only when that gives a
// known prefix, so text with links in it stays what it was. The message is the line's own tail.
import type { LineShape, Prefixed } from './types.js';
import type { Zone } from '../../src/core/time.js';
import { jupyterhub } from './jupyterhub.js';
import { idleCuller } from './idle-culler.js';
import { jupyterServer } from './jupyter-server.js';
import { notebook } from './notebook.js';

const LINK = /\[([^[\]()\s]*)\]\(https?:\/\/[^()\s]*\)/g;
const BRACKETED = [jupyterhub, idleCuller, jupyterServer, notebook];

function parseDamaged(s: string, zone: Zone): Prefixed | null {
  if (s.indexOf('](http') < 0) return null;
  // The prefix ends at the first `]` that does not open a link's target.
  let close = s.indexOf(']', 1);
  while (close >= 0 && s.charCodeAt(close + 1) === 40) {
    const end = s.indexOf(')', close);
    if (end < 0) return null;
    close = s.indexOf(']', end);
  }
  if (close < 0) return null;
  const head = s.slice(0, close + 1);
  const repaired = head.replace(LINK, '$1');
  if (repaired === head) return null;
  const text = repaired + s.slice(close + 1);
  for (const shape of BRACKETED) {
    const p = shape.parse(text, zone);
    if (p) return p;
  }
  return null;
}

export const damagedLink: LineShape = {
  ids: ['jupyterhub', 'singleuser', 'idle-culler', 'tornado', 'jupyter-server', 'notebook'],
  title: 'any bracketed prefix above with markdown links pasted into it (web:[179](https://…)6])',
  versions: 'GitHub Actions and Discourse copies',
  starts: '[',
  parse: parseDamaged,
  samples: [
    {
      line: '[W 2022-10-10 14:34:49.703 JupyterHub web:[179](https://github.com/example-org/binderhub/actions/runs/1/jobs/2#step:28:182)6] 403 GET /hub/api/oauth2/authorize (::ffff:10.1.1.85): You do not have permission to access JupyterHub service binder',
      shape: 'jupyterhub', level: 'W', t: '2022-10-10T14:34:49.703Z', msg: '403 GET /hub/api/oauth2/authorize (::ffff:10.1.1.85): You do not have permission to access JupyterHub service binder',
    },
    { line: "[W 2024-01-09 10:00:00.120 JupyterHub [auth.py](http://auth.py):534] User 'dana' not allowed.", shape: 'jupyterhub', level: 'W', t: '2024-01-09T10:00:00.120Z', msg: "User 'dana' not allowed." },
  ],
};
