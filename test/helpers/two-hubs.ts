// One stream holding two hubs' logs, as a Loki export over two namespaces gives it (or journalctl
// output of two machines, concatenated): two real hub logs of the same minute, each line wrapped in
// the envelope with its namespace (its host) and merged by time. The students' hub has a carol of its own (its `mallory` renamed), so a story that tied
// one hub's refusal to the other's deletion of carol would show.
import { readFileSync } from 'node:fs';
import { sample } from './cli.js';

export const STAFF = 'jhub-staff';
export const STUDENTS = 'jhub-students';

/** `loki`: logcli's JSON lines naming the namespace; `journald`: `journalctl -o short-iso` naming the host. */
type Envelope = 'loki' | 'journald';

export interface TwoHubs {
  /** Both hubs' lines, merged by time. */
  both: string;
  /** Each hub's lines alone, in the same envelope. */
  alone: Record<string, string>;
  /** The hub each line of `both` is from (line 1 first). */
  lineHubs: string[];
}

interface Line {
  hub: string;
  t: string;
  text: string;
}

function wrapped(envelope: Envelope, hub: string, pod: string, file: string, rename: (s: string) => string): Line[] {
  let t = '';
  const lines = rename(readFileSync(sample(file), 'utf8')).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => {
    // A line without its own time (a continuation) stays after the line before it.
    const m = /^\[\w (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})/.exec(line);
    if (m) t = m[1];
    if (envelope === 'journald') return { hub, t, text: `${t.slice(0, 10)}T${t.slice(11, 19)}+0000 ${hub} jupyterhub[812]: ${line}` };
    return { hub, t, text: JSON.stringify({ labels: { app: 'jupyterhub', component: 'hub', container: 'hub', namespace: hub, pod }, line }) };
  });
}

export function twoHubs(envelope: Envelope = 'loki'): TwoHubs {
  const a = wrapped(envelope, STAFF, 'hub-7c9d5b8f4-x2k9q', 'real/form-login-culled.log', (s) => s);
  const b = wrapped(envelope, STUDENTS, 'hub-5d8f7c6b9-q7w2e', 'real/oauth-403-culled.log', (s) => s.replaceAll('mallory', 'carol'));
  const merged: Line[] = [];
  for (let i = 0, j = 0; i < a.length || j < b.length;) merged.push(j >= b.length || (i < a.length && a[i].t <= b[j].t) ? a[i++] : b[j++]);
  const text = (ls: Line[]) => ls.map((l) => l.text).join('\n') + '\n';
  return { both: text(merged), alone: { [STAFF]: text(a), [STUDENTS]: text(b) }, lineHubs: merged.map((l) => l.hub) };
}
