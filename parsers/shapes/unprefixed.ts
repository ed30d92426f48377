// Unprefixed lines the hub container prints on purpose: z2jh's config loader (stdout, before the
// first JupyterHub line of every start). Anything else without a prefix is left unparsed.
import type { Prefixed } from './types.js';

const Z2JH = /^(?:Loading |No config at |Loading extra config: |Loading pass-through config section |Warning: hub\.db\.password is ignored|FATAL: Invalid hub\.config section name)/;

export function parseUnprefixed(s: string): Prefixed | null {
  return Z2JH.test(s) ? { shape: 'z2jh', t: NaN, msg: s } : null;
}
