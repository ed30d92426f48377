// CRI container log files on the node: `<RFC3339Nano> <stdout|stderr> <F|P>[:tags] <content>`.
// containerd trims trailing zeros of the fraction, so its length varies.
import { DIGITS, type Envelope } from './types.js';
import { looksLikeRfc3339At, rfc3339End } from './rfc3339.js';
import { parseTime } from '../../src/core/time.js';

export const cri: Envelope = {
  ids: ['cri'],
  title: 'containerd/CRI-O node files (P pieces joined)',
  starts: DIGITS,
  unwrap(line) {
    if (!looksLikeRfc3339At(line, 0)) return null;
    const end = rfc3339End(line, 0);
    if (end < 0 || line.charCodeAt(end) !== 32) return null;
    const rest = end + 1;
    let stream: string;
    if (line.startsWith('stdout ', rest)) stream = 'stdout';
    else if (line.startsWith('stderr ', rest)) stream = 'stderr';
    else return null;
    const tagStart = rest + 7;
    const sp = line.indexOf(' ', tagStart);
    const tags = sp < 0 ? line.slice(tagStart) : line.slice(tagStart, sp);
    if (!/^[A-Z](?::[A-Z])*$/.test(tags)) return null;
    const t = parseTime(line.slice(0, end));
    if (!Number.isFinite(t)) return null;
    return { envelope: 'cri', text: sp < 0 ? '' : line.slice(sp + 1), t, stream, partial: tags.split(':').includes('P') };
  },
  samples: [
    { line: "2025-05-14T13:40:02.11873451Z stderr F [W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", envelope: 'cri', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z' },
    { line: '2025-05-14T09:12:00.4121Z stdout F 22:14:58.690 [ConfigProxy] info: Removing route /user/alice', envelope: 'cri', text: '22:14:58.690 [ConfigProxy] info: Removing route /user/alice', t: '2025-05-14T09:12:00.412Z' },
  ],
};
