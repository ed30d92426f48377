// RFC 5424 syslog (rsyslog's RSYSLOG_SyslogProtocol23Format, syslog-ng, log shippers):
// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`, `-` for an empty field.
import type { Envelope } from './types.js';
import { padless } from './host-tag.js';
import { parseTime } from '../../src/core/time.js';

const RFC5424 = /^<\d{1,3}>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (\S+) (\S+) \S+ \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) (?:\uFEFF)?/;

export const rfc5424: Envelope = {
  ids: ['rfc5424'],
  title: 'RFC 5424 syslog (<PRI>1 time host app procid msgid [sd] before the line)',
  starts: '<',
  unwrap(line) {
    const m = RFC5424.exec(line);
    if (!m) return null;
    const t = parseTime(m[1]);
    return { envelope: 'rfc5424', text: padless(line.slice(m[0].length)), t: Number.isFinite(t) ? t : NaN, writer: m[3] === '-' ? undefined : m[3], host: m[2] === '-' ? undefined : m[2] };
  },
  samples: [
    { line: '<28>1 2025-05-20T07:58:20.115560+00:00 hub01 jupyterhub 812 - - [W 2025-05-20 07:58:20.115 JupyterHub oauth2:157] OAuth state mismatch', envelope: 'rfc5424', text: '[W 2025-05-20 07:58:20.115 JupyterHub oauth2:157] OAuth state mismatch', t: '2025-05-20T07:58:20.115Z' },
  ],
};
