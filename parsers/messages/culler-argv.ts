// The culler's command line as JupyterHub logs it at every start recovers the effective cull.*
// chart values. 1.x (tornado.options) accepts `--a-b`/`--a_b`, bare booleans and `=false`;
// 2.0 (traitlets) also `--IdleCuller.a_b=…`.
import type { CullerOptions } from '../../src/core/model/events.js';

const CULLER_HINTS = ['jupyterhub_idle_culler', 'cull_idle_servers', 'idle_culler', 'idle-culler', 'cull-idle'];

export function isCullerArgv(argv: string[]): boolean {
  return argv.some((a) => CULLER_HINTS.some((h) => a.includes(h)) || /^--(?:IdleCuller\.)?cull[-_](?:every|users)\b/.test(a));
}

function bool(v: string | undefined): boolean {
  return v === undefined || !/^(?:false|0|no|off)$/i.test(v);
}

function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function parseCullerArgv(argv: string[]): CullerOptions {
  const opts: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const key = (eq < 0 ? a.slice(2) : a.slice(2, eq)).replace(/^IdleCuller\./, '').replace(/_/g, '-').toLowerCase();
    let value = eq < 0 ? undefined : a.slice(eq + 1);
    // `--timeout 3600` (two argv items) for numeric options.
    if (value === undefined && /^(?:timeout|cull-every|max-age|concurrency)$/.test(key) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      value = argv[++i];
    }
    opts[key] = value;
  }
  const has = (k: string) => Object.prototype.hasOwnProperty.call(opts, k);
  const timeout = num(opts.timeout) ?? 600;
  const every = num(opts['cull-every']);
  return {
    timeoutSeconds: timeout,
    everySeconds: every && every > 0 ? every : Math.floor(timeout / 2),
    cullUsers: has('cull-users') ? bool(opts['cull-users']) : false,
    maxAgeSeconds: num(opts['max-age']) ?? 0,
    cullAdminUsers: has('cull-admin-users') ? bool(opts['cull-admin-users']) : null,
    removeNamedServers: has('remove-named-servers') ? bool(opts['remove-named-servers']) : false,
    concurrency: num(opts.concurrency),
  };
}
