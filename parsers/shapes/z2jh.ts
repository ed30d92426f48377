// Unprefixed lines the hub container prints on purpose: z2jh's config loader (stdout, before the
// first JupyterHub line of every start). Anything else without a prefix is left unparsed.
import type { LineShape, Prefixed } from './types.js';

const Z2JH = /^(?:Loading |No config at |Loading extra config: |Loading pass-through config section |Warning: hub\.db\.password is ignored|FATAL: Invalid hub\.config section name)/;

function parseUnprefixed(s: string): Prefixed | null {
  return Z2JH.test(s) ? { shape: 'z2jh', t: NaN, msg: s } : null;
}

export const z2jh: LineShape = {
  ids: ['z2jh'],
  title: "zero-to-jupyterhub's unprefixed config prints (Loading …/values.yaml)",
  versions: 'z2jh chart 0.9 – 4.x',
  starts: 'LNWF',
  parse: (s) => parseUnprefixed(s),
  samples: [{ line: 'Loading /usr/local/etc/jupyterhub/secret/values.yaml', shape: 'z2jh', msg: 'Loading /usr/local/etc/jupyterhub/secret/values.yaml' }],
};
