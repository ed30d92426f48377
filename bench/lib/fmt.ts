// Renderers for the exact timestamp and duration formats of JupyterHub, the idle culler,
// kubelet and containerd, as real logs of the versions in sim.ts show them.

const p2 = (n: number) => (n < 10 ? '0' : '') + n;
const p3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/** JupyterHub `%Y-%m-%d %H:%M:%S.mmm` (hub clock = UTC in the z2jh image). */
export function hubTs(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
}

/** idle-culler 1.x (tornado default formatter): `%y%m%d %H:%M:%S`, whole seconds, truncated. */
export function cullerTs(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCFullYear() % 100)}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Report contract time: ISO 8601 UTC with milliseconds and Z. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** kubelet RFC3339NanoFixed: always 9 fraction digits. */
export function rfc3339NanoFixed(ns: bigint): string {
  const ms = Number(ns / 1000000n);
  const frac = (ns % 1000000000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().slice(0, 19) + '.' + frac + 'Z';
}

/** Go time.RFC3339Nano (containerd, Docker, Loki): trailing zeros trimmed, no dot if zero. */
export function rfc3339Nano(ns: bigint): string {
  const ms = Number(ns / 1000000n);
  const frac = (ns % 1000000000n).toString().padStart(9, '0').replace(/0+$/, '');
  return new Date(ms).toISOString().slice(0, 19) + (frac ? '.' + frac : '') + 'Z';
}

/** Python str(timedelta) from microseconds: `1:13:59.512345`, `2 days, 3:04:05.000001`. */
export function pyTimedelta(us: number): string {
  us = Math.max(0, Math.round(us));
  const days = Math.floor(us / 86400e6);
  let rem = us - days * 86400e6;
  const h = Math.floor(rem / 3600e6);
  rem -= h * 3600e6;
  const m = Math.floor(rem / 60e6);
  rem -= m * 60e6;
  const s = Math.floor(rem / 1e6);
  const micro = rem - s * 1e6;
  const dpart = days ? `${days} day${days === 1 ? '' : 's'}, ` : '';
  return `${dpart}${h}:${p2(m)}:${p2(s)}${micro ? '.' + String(micro).padStart(6, '0') : ''}`;
}

/** idle-culler format_td: `HH:MM:SS`, hours zero-padded and unbounded. */
export function formatTd(seconds: number): string {
  const s = Math.floor(seconds);
  return `${p2(Math.floor(s / 3600))}:${p2(Math.floor((s % 3600) / 60))}:${p2(s % 60)}`;
}

/** KubeSpawner 6.x legacy "escape" slug: [a-z0-9] kept, everything else `-xx` (hex). */
export function k8sEscape(name: string): string {
  let out = '';
  for (const ch of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(ch);
    out += /[a-z0-9]/.test(c) ? c : '-' + ch.toString(16).padStart(2, '0');
  }
  return out;
}

/** Python urllib.parse.quote(name) with the default safe='/' (culler server DELETE URLs). */
export function pyQuote(name: string): string {
  return encodeURIComponent(name).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
