// Unprefixed lines the hub container prints on purpose: z2jh's config loader (stdout, before the
// first JupyterHub line of every start), and what the config it runs prints (hub.extraConfig
// snippets and jupyterhub_config.d files may print anything), and what a profile filter in that
// config prints each time it builds a user's profile list (2i2c's basehub group filter: the user's
// groups, the profiles it allows; before the 403 it raises when none is left). Anything else
// without a prefix is left unparsed.
import type { LineShape, Prefixed } from './types.js';

const LOADER = /^(?:Loading \/|No config at \/|Loading extra config: |Loading pass-through config section )/;
const WARNING = 'Warning: hub.db.password is ignored';
const FATAL = 'FATAL: Invalid hub.config section name';
const PROFILE_FILTER = /^(?:User \S+ (?:does not have any auth_state set, profile_list filtering not available$|is part of groups(?: |$))|Allowing profile .+ for user \S+ based on team membership$|Ignoring allowed_groups check for deployment-service-check$)/;
// A paste's own lines (a prompt, an elision) are not the config's output.
const NOT_PRINTED = /^(?:\s|$|[$#>%] |\.\.\.|…)/;

function parseZ2jh(s: string): Prefixed | null {
  if (LOADER.test(s)) return { shape: 'z2jh', t: NaN, msg: s };
  if (s.startsWith(WARNING)) return { shape: 'z2jh', level: 'W', t: NaN, msg: s };
  if (s.startsWith(FATAL)) return { shape: 'z2jh', level: 'C', t: NaN, msg: s };
  return PROFILE_FILTER.test(s) ? { shape: 'z2jh', t: NaN, msg: s } : null;
}

export const z2jh: LineShape = {
  ids: ['z2jh'],
  title: "zero-to-jupyterhub's unprefixed config prints (Loading …/values.yaml, Loading extra config: …), what that config prints before the hub's first line, and a profile filter's prints at each spawn",
  versions: 'z2jh chart 0.9 – 4.x',
  starts: 'LNWFUAI',
  parse: (s) => parseZ2jh(s),
  // The loader runs the config: until the hub's first prefixed line, unprefixed output is its prints.
  follows: (text) => (NOT_PRINTED.test(text) ? null : { shape: 'z2jh', t: NaN, msg: text }),
  samples: [
    { line: 'Loading /usr/local/etc/jupyterhub/secret/values.yaml', shape: 'z2jh', msg: 'Loading /usr/local/etc/jupyterhub/secret/values.yaml' },
    { line: 'Loading /usr/local/etc/jupyterhub/jupyterhub_config.d config: 50-profiles.py', shape: 'z2jh', msg: 'Loading /usr/local/etc/jupyterhub/jupyterhub_config.d config: 50-profiles.py' },
    { line: 'Loading pass-through config section hub.config.KubeSpawner', shape: 'z2jh', msg: 'Loading pass-through config section hub.config.KubeSpawner' },
    { line: 'Warning: hub.db.password is ignored for hub.db.type=sqlite-pvc', shape: 'z2jh', level: 'W', msg: 'Warning: hub.db.password is ignored for hub.db.type=sqlite-pvc' },
    { line: 'FATAL: Invalid hub.config section name: jupyterhub', shape: 'z2jh', level: 'C', msg: 'FATAL: Invalid hub.config section name: jupyterhub' },
    { line: 'User mbrandt is part of groups pangeo:staff', shape: 'z2jh', msg: 'User mbrandt is part of groups pangeo:staff' },
  ],
};
