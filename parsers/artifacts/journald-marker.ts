// The framing journalctl and `systemctl status` print around the journal's lines.
import type { Artifact } from './types.js';

const MARKER = /^-- (?:Logs begin at|Journal begins at|Reboot|No entries|Boot [0-9a-f]{8,}|Subject:|Defined-By:)|^● \S|^\s+(?:Loaded|Active|Main PID|Tasks|Memory|CPU|CGroup|Docs|Process|Status|TriggeredBy|Drop-In|Invocation):\s|^\s+[├└│]─/;

export const journaldMarker: Artifact = {
  id: 'journald-marker',
  title: 'journalctl and systemctl status framing (-- Logs begin at …, ● unit, Active:)',
  test: (text) => MARKER.test(text),
  samples: ['-- Logs begin at Sun 2020-07-05 09:12:44 EDT, end at Mon 2020-07-06 11:58:02 EDT. --', '-- Reboot --', '● jupyterhub.service - JupyterHub', '   Active: active (running) since Fri 2021-03-19 11:33:04 UTC; 7s ago', '           └─20220 node /usr/bin/configurable-http-proxy'],
};
