// Hub start and shutdown markers and the services it starts (app.py, services/service.py, z2jh).
import type { Fields, MessageParser } from './types.js';
import { parsePyStrList, splitShell, unrepr } from '../../src/core/text.js';
import { isCullerArgv, parseCullerArgv } from './culler-argv.js';

const VERSION = /^Running JupyterHub version (\S+)/;
const SIGNAL = /^Received signal (\S+?),? initiating shutdown/;
// `Using %s: %s.%s%s` for the authenticator: the class's module and name, `-<version>` of its
// top-level package (JupyterHub 0.9+). The spawner's and proxy's lines tell no hub from another here.
const USING_AUTHENTICATOR = /^Using Authenticator: (\S+?)(?:-(\d\S*))?$/;
const SERVICE = /^Starting service ('.*?'|".*?"): (\[.*)$/;
// z2jh prints this first at every hub start, before JupyterHub's own lines.
const Z2JH_VALUES = /^Loading \S*\/values\.yaml$/;

function service(name: string | null, argv: string[] | null): Fields {
  return { kind: 'service-start', name, argv, culler: argv && isCullerArgv(argv) ? parseCullerArgv(argv) : null };
}

export const lifecycle: MessageParser = {
  name: 'lifecycle',
  parse(msg, p): Fields | null {
    if (p.shape === 'z2jh') {
      return Z2JH_VALUES.test(msg) && !msg.includes('existing-secret') ? { kind: 'hub-start', version: null, marker: 'z2jh-config' } : null;
    }
    const c = msg[0];
    if (c === 'R') {
      let m = VERSION.exec(msg);
      if (m) return { kind: 'hub-start', version: m[1], marker: 'version' };
      m = SIGNAL.exec(msg);
      if (m) return { kind: 'hub-shutdown', signal: m[1] };
    } else if (c === 'U') {
      const m = USING_AUTHENTICATOR.exec(msg);
      // Without its version the name may be a line cut at a screen's width (`…PAMAuthenti`): only a
      // whole class name is one, not a hub's identity made up from a piece of it.
      if (m && (m[2] !== undefined || m[1].endsWith('Authenticator'))) return { kind: 'hub-authenticator', className: m[1], version: m[2] ?? null };
    } else if (c === 'S') {
      const m = SERVICE.exec(msg);
      // A copy cut at the screen's width (k9s) keeps the name; its cut command line tells no settings.
      if (m) return service(unrepr(m[1]), m[2].endsWith(']') ? parsePyStrList(m[2]) : null);
      if (msg.startsWith('Spawning ') && p.module === 'service') return service(null, splitShell(msg.slice(9)));
    }
    return null;
  },
  needles: [
    { text: 'Running JupyterHub version ', at: 'start', why: 'hub starts' },
    { text: '/values.yaml', at: 'end', why: "hub starts (zero-to-jupyterhub's config loader)" },
    { text: 'Received signal ', at: 'start', why: 'hub shutdowns' },
    { text: 'Using Authenticator: ', at: 'start', why: 'which hub it is (the authenticator class its starts name)' },
    { text: 'Starting service ', at: 'start', why: 'the culler command line' },
    { text: 'Spawning ', at: 'start', why: 'the culler command line (shell form)' },
  ],
  samples: [
    { line: '[I 2025-05-14 08:00:00.100 JupyterHub app:2859] Running JupyterHub version 4.1.5', kind: 'hub-start' },
    { line: 'Loading /usr/local/etc/jupyterhub/secret/values.yaml', kind: 'hub-start' },
    { line: '[C 2025-05-14 08:00:00.100 JupyterHub app:3336] Received signal SIGTERM, initiating shutdown...', kind: 'hub-shutdown' },
    { line: '[I 2025-03-03 06:00:18.275 JupyterHub app:2917] Using Authenticator: oauthenticator.google.GoogleOAuthenticator-16.3.0', kind: 'hub-authenticator' },
    { line: '[I 2018-05-02 10:12:01.120 JupyterHub app:1026] Using Authenticator: jupyterhub.auth.PAMAuthenticator-0.8.1', kind: 'hub-authenticator' },
    { line: "[I 2025-05-14 08:00:01.310 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--url=http://localhost:8081/hub/api', '--timeout=3600', '--cull-every=600', '--concurrency=10', '--cull-users']", kind: 'service-start' },
    { line: '[I 2025-05-14 08:00:01.311 JupyterHub service:134] Spawning python3 -m jupyterhub_idle_culler --url=http://localhost:8081/hub/api --timeout=3600 --cull-every=600 --concurrency=10', kind: 'service-start' },
    { line: "[I 2025-05-14 08:00:01.310 JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--url=http:", kind: 'service-start' },
  ],
};
