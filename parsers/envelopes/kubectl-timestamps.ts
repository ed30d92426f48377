// `kubectl logs --timestamps`: the kubelet's time and a space before the line.
import { DIGITS, type Envelope } from './types.js';
import { kubectlTime } from './kubectl-time.js';
import { journaldIso } from './journald-iso.js';

export const kubectlTimestamps: Envelope = {
  ids: ['kubectl-timestamps'],
  title: 'kubectl logs --timestamps',
  starts: DIGITS,
  unwrap(line) {
    const k = kubectlTime(line);
    if (!k) return null;
    // journalctl -o short-iso also starts with a time and a space, then `host tag[pid]: `, never a
    // hub prefix: only such rare lines pay for the extra check. The kubelet's nine fraction digits
    // are never journald's (it keeps microseconds), so a line like `… Spawn failed: …` stays kubectl's.
    const c = line.charCodeAt(k.at);
    if (c !== 91 && c !== 32 && k.at !== 31 && journaldIso.unwrap(line)) return null;
    return { envelope: 'kubectl-timestamps', text: line.slice(k.at), t: k.t };
  },
  samples: [
    { line: "2025-05-14T13:40:02.118734512Z [W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'kubectl-timestamps', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' },
  ],
};
