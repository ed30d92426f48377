// Syslog lines whose date and host the paster cut off, leaving the program's tag: `jupyterhub: [W …`,
// `systemd[1]: Started …`. A lowercase program name, then a colon and one space; the date is lost.
// A dotted name is Python's (`tornado.httpclient.HTTPClientError: HTTP 403`), not a program's.
import { LOWER, type Envelope } from './types.js';
import { padless } from './host-tag.js';

const TAG = /^([a-z][\w-]{0,63})(?:\[\d{1,10}\])?: /;

export const syslogTag: Envelope = {
  ids: ['syslog'],
  title: 'syslog lines cut to their tag (tag[pid]: before the line, no date)',
  starts: LOWER,
  unwrap(line) {
    const colon = line.indexOf(': ');
    if (colon < 1 || colon > 80) return null;
    const m = TAG.exec(line);
    return m ? { envelope: 'syslog', text: padless(line.slice(m[0].length)), t: NaN, writer: m[1], likely: m[1] } : null;
  },
  samples: [
    { line: 'jupyterhub: [I JupyterHub app:2120] Using Spawner: batchspawner.batchspawner.TorqueSpawner', envelope: 'syslog', text: '[I JupyterHub app:2120] Using Spawner: batchspawner.batchspawner.TorqueSpawner' },
  ],
};
