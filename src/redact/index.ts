// `--redact`: consistent pseudonyms so a report can go to a public tracker and still be followed.
// Applied to the finished Report (and to `events` records) after correlation, so the verdict and
// every count are those of the real data; only names change. What is replaced:
//   user names  → user-N (user-N@example.invalid for e-mail-shaped names), also inside
//                 /user/<name>/ paths, percent-encoded, quoted, and in (user@ip) access parts;
//   IP addresses → same /24 ↦ same pseudo /24 from reserved test ranges (host octet kept);
//                 loopback and unspecified addresses are kept (they identify nobody);
//   pod / PVC names → <prefix>-user-N when they are KubeSpawner's name for a known user, else pod-N.
// Routes, status codes, times and service names (the culler) are kept.
import type { Evidence, Report, ReportBody, UserStep } from '../core/model/report.js';
import { kubespawnerEscape } from '../core/pod-name.js';

/** Each section maps pseudonym → original. */
export interface RedactionMap {
  users: Record<string, string>;
  ips: Record<string, string>;
  pods: Record<string, string>;
}

// Service accounts are not people, and the culler's name is what makes the story readable.
const SERVICE_NAMES = new Set(['jupyterhub-idle-culler', 'cull-idle', 'idle-culler', 'jupyterhub-idle-culler-service']);
// Words that are part of routes and messages: a user so named is still redacted in the structured
// fields, but not as free text (that would rewrite /hub/… routes for everyone).
const ROUTE_WORDS = new Set([
  'hub', 'user', 'users', 'api', 'login', 'logout', 'spawn', 'home', 'token', 'tokens', 'admin', 'static', 'health',
  'oauth_callback', 'oauth_login', 'services', 'server', 'servers', 'activity', 'info', 'proxy', 'unknown', 'unknown user',
  'root', 'null', 'none', 'true', 'false', 'jupyterhub', 'jupyter', 'default',
]);

// Where log text names a user: access lines, the hub's, authenticators' and culler's messages.
const NAME_PATTERNS: RegExp[] = [
  /\(([^()\s]+)@(?:[0-9a-fA-F.:]+)\) \d+(?:\.\d+)?ms/g, // access line (user@ip) – user may contain @
  /\/users?\/([^/?#\s()'"]+)/g, // /user/<name>/…, /hub/api/users/<name>
  /\/spawn(?:-pending)?\/([^/?#\s()'"]+)/g,
  /\bUser (?:'([^']+)'|"([^"]+)")/g,
  /\bUser (?:logged in|logged out): (\S+)/g,
  /\bFailed login for (?:'([^']+)'|(?!unknown user)(\S+))/g,
  /\bCulling (?:user|server) (?:for )?([^\s/]+)/g,
  /\bNot culling (?:user|server) ([^\s/]+)/g,
  /\bRemoving user (\S+) from proxy/g,
  /\bUser (\S+) server took/g,
  /\bAdding role user for User: (\S+)/g,
  /\bDeleting user (\S+)/g,
  /\bError processing (\S+)/g,
  /\b(\S+) is pending (?:spawn|stop)/g,
  /\bServer ([^\s/]+) is slow to stop/g,
  /\bBlocked (\S+) with 'hd=/g,
  /\bLogin with unverified email (\S+)/g,
  /\bunverified email attempt: (\S+)/g,
];

const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/g;
// Full 8-group form, or a `::` form with at least one group (so `::` alone and times never match).
const IPV6 = /(?<![\w:.])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:)*[0-9a-fA-F]{0,4}::(?:[0-9a-fA-F]{1,4}:)*[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:)+:)(?![\w:.])/g;
// KubeSpawner pod/PVC names (jupyter-<escaped name>[--server], claim-<escaped name>) and the
// chart's own pods (hub-<rs>-<id>, proxy-<rs>-<id>, user-scheduler-…, continuous-image-puller-…).
const POD = /(?<![\w.-])((?:jupyter|claim)-(?!(?:server|lab|labhub|singleuser|notebook|hub)\b)[a-z0-9][a-z0-9-]*|(?:hub|proxy|autohttps|user-scheduler|continuous-image-puller|hook-image-puller)-[a-z0-9]{6,10}-[a-z0-9]{5})(?![\w.-])/g;

const EMAIL = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export class Redactor {
  private readonly users = new Map<string, string>();
  private readonly ips = new Map<string, string>();
  private readonly nets = new Map<string, string>();
  private readonly pods = new Map<string, string>();
  private readonly services = new Set(SERVICE_NAMES);
  private namesRe: RegExp | null = null;
  private escaped: Map<string, string> | null = null;
  private pseudoValues = new Set<string>();

  /** A user name seen in a structured field (incident, denial, event user). */
  user(name: string | null | undefined): string | null {
    if (name === null || name === undefined) return null;
    if (name === '' || this.services.has(name)) return name;
    let p = this.users.get(name);
    if (!p) {
      const n = this.users.size + 1;
      p = EMAIL.test(name) ? `user-${n}@example.invalid` : `user-${n}`;
      this.users.set(name, p);
      this.pseudoValues.add(p);
      this.namesRe = null;
      this.escaped = null;
    }
    return p;
  }

  /** A name that is a service (the culler) rather than a person: kept as is. */
  service(name: string): void {
    this.services.add(name);
  }

  ip(addr: string): string {
    if (!addr) return addr;
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
    if (v4) return this.ipv4(addr, v4[1], v4[2], v4[3], v4[4]);
    if (addr.includes(':')) return this.ipv6(addr);
    return addr;
  }

  pod(name: string | null | undefined): string | null {
    if (name === null || name === undefined || name === '') return name ?? null;
    let p = this.pods.get(name);
    if (p) return p;
    const m = /^(jupyter|claim)-(.+?)(--.+)?$/.exec(name);
    if (m) {
      const esc = this.escapedUsers();
      const pseudo = esc.get(m[2]);
      if (pseudo) p = `${m[1]}-${pseudo.split('@')[0]}${m[3] ? '--server' : ''}`;
    }
    if (!p) {
      const prefix = /^(jupyter|claim)-/.exec(name)?.[1];
      p = `${prefix ?? 'pod'}-pod${this.pods.size + 1}`;
    }
    this.pods.set(name, p);
    return p;
  }

  /** Learns the user names that a log text mentions (call before `text` for consistent numbering). */
  learn(s: string): void {
    for (const re of NAME_PATTERNS) {
      re.lastIndex = 0;
      for (let m = re.exec(s); m; m = re.exec(s)) {
        const raw = m[1] ?? m[2];
        if (!raw) continue;
        let name = raw;
        if (name.includes('%')) {
          try {
            name = decodeURIComponent(name);
          } catch {
            /* keep as written */
          }
        }
        if (this.learnable(name)) this.user(name);
      }
    }
  }

  /** Free text (evidence lines, summaries, messages) with every known name, IP and pod replaced. */
  text(s: string): string {
    if (!s) return s;
    let out = s.replace(POD, (m) => this.pod(m)!);
    out = out.replace(IPV4, (m, a: string, b: string, c: string, d: string) => this.ipv4(m, a, b, c, d));
    if (out.includes('::') || /[0-9a-fA-F]:[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]/.test(out)) out = out.replace(IPV6, (m) => this.ipv6(m));
    const re = this.names();
    if (re) {
      out = out.replace(re, (_m, lead: string, name: string) => {
        const p = this.users.get(name);
        if (p) return lead + p;
        const d = this.users.get(decodeSafe(name)); // the percent-encoded form stays encoded
        return lead + (d ? encodeURIComponent(d) : name);
      });
    }
    return out;
  }

  /** pseudonym → original, the direction the incident owner looks things up in. */
  map(): RedactionMap {
    const flip = (m: Map<string, string>) => Object.fromEntries([...m].map(([k, v]) => [v, k]));
    return { users: flip(this.users), ips: flip(this.ips), pods: flip(this.pods) };
  }

  private learnable(name: string): boolean {
    return name.length > 0 && name.length <= 256 && !this.services.has(name) && !ROUTE_WORDS.has(name.toLowerCase()) && !this.pseudoValues.has(name) && !/^\[secret\]$|^\d+$/.test(name);
  }

  private ipv4(orig: string, a: string, b: string, c: string, d: string): string {
    const oct = [a, b, c, d].map(Number);
    if (oct.some((o) => o > 255)) return orig;
    if (oct[0] === 127 || oct[0] === 0) return orig; // loopback / unspecified: identifies nobody
    const key = `${oct[0]}.${oct[1]}.${oct[2]}`;
    let net = this.nets.get(key);
    if (!net) {
      // k-th /24 seen: 198.18.0.0/15 (benchmarking, 512 nets), then 100.64.0.0/10 (shared space).
      const k = this.nets.size;
      net = k < 512 ? `198.${18 + (k >> 8)}.${k & 255}` : `100.${64 + ((k - 512) >> 8) % 64}.${(k - 512) & 255}`;
      this.nets.set(key, net);
      this.pseudoValues.add(net);
    }
    const p = `${net}.${oct[3]}`;
    this.ips.set(`${oct.join('.')}`, p);
    return p;
  }

  private ipv6(orig: string): string {
    const lower = orig.toLowerCase();
    if (lower === '::1' || lower === '::' || /^0*:(0*:)*0*1?$/.test(lower)) return orig;
    let p = this.ips.get(lower);
    if (!p) {
      p = `2001:db8::${(this.ips.size + 1).toString(16)}`;
      this.ips.set(lower, p);
    }
    return p;
  }

  private escapedUsers(): Map<string, string> {
    if (!this.escaped) {
      this.escaped = new Map();
      for (const [name, p] of this.users) this.escaped.set(kubespawnerEscape(name), p);
    }
    return this.escaped;
  }

  /** One regex for all known names (longest first), bounded so `bob` does not hit `bobby`. */
  private names(): RegExp | null {
    if (this.namesRe) return this.namesRe;
    const forms: string[] = [];
    for (const name of this.users.keys()) {
      if (ROUTE_WORDS.has(name.toLowerCase())) continue;
      forms.push(name);
      const enc = encodeURIComponent(name);
      if (enc !== name) forms.push(enc);
    }
    if (forms.length === 0) return null;
    forms.sort((x, y) => y.length - x.length);
    // Not preceded by a name character; not followed by one (a trailing `.` ends a sentence, and
    // `@` may follow only as the `user@ip` of an access line, whose IP is replaced first).
    this.namesRe = new RegExp(`(^|[^\\w.@%+-])(${forms.map(escapeRe).join('|')})(?![\\w%+-]|\\.\\w|@(?![\\d:]))`, 'g');
    return this.namesRe;
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A redacted copy of the report. Names are learned from every structured field and every text
 * first, so the numbering does not depend on which section mentions a user first.
 */
export function redactReport(report: Report, r: Redactor = new Redactor()): Report {
  const out = redactBody(report, r);
  // Each hub's section names the same users: one redactor gives them the same pseudonyms there.
  return report.hubs ? { ...out, hubs: report.hubs.map((h) => redactBody(h, r)) } : out;
}

function redactBody<T extends ReportBody>(report: T, r: Redactor): T {
  for (const i of report.incidents) {
    if (i.deletedBy === 'culler' && i.actor) r.service(i.actor);
  }
  for (const i of report.incidents) r.user(i.user);
  for (const d of report.denials) r.user(d.user);
  for (const f of report.findings) for (const u of f.users ?? []) r.user(u);
  for (const i of report.incidents) if (i.actor && i.deletedBy !== 'culler') r.user(i.actor);
  for (const u of report.users ?? []) r.user(u.user);
  const allEvidence = [...report.culler.evidence, ...report.incidents.flatMap((i) => i.evidence), ...report.findings.flatMap((f) => f.evidence)];
  for (const e of allEvidence) r.learn(e.text);
  for (const f of report.findings) r.learn(f.summary);
  r.learn(report.verdict.summary);
  const ev = (list: Evidence[]): Evidence[] => list.map((e) => ({ ...e, text: r.text(e.text) }));
  return {
    ...report,
    verdict: { ...report.verdict, summary: r.text(report.verdict.summary), remediation: report.verdict.remediation.map((s) => r.text(s)) },
    incidents: report.incidents.map((i) => ({
      ...i,
      user: r.user(i.user)!,
      actor: i.actor === null ? null : i.deletedBy === 'culler' ? i.actor : r.user(i.actor),
      evidence: ev(i.evidence),
    })),
    denials: [...report.denials].map((d) => ({
      ...d, user: r.user(d.user), path: d.path === null ? null : r.text(d.path), detail: d.detail === null ? null : r.text(d.detail),
    })),
    findings: report.findings.map((f) => ({
      ...f, summary: r.text(f.summary), users: f.users?.map((u) => r.user(u)!), evidence: ev(f.evidence),
    })),
    culler: { ...report.culler, evidence: ev(report.culler.evidence) },
    ...(report.users ? { users: report.users.map((u) => ({ user: r.user(u.user)!, story: u.story.map((s) => redactStep(s, r)) })) } : {}),
    ...(report.seen.oneHubBecause ? { seen: { ...report.seen, oneHubBecause: report.seen.oneHubBecause.map((s) => r.text(s)) } } : {}),
  };
}

/** A story step with its actor pseudonymised (the culler's service name stays) and its log words redacted. */
function redactStep(s: UserStep, r: Redactor): UserStep {
  const out = { ...s };
  if ((out.kind === 'stop' || out.kind === 'deleted') && out.actor !== null && out.by !== 'culler') out.actor = r.user(out.actor);
  if (out.kind === 'spawn-pending' || out.kind === 'spawn-failed') out.detail = r.text(out.detail);
  if ('server' in out && out.server !== null) out.server = r.text(out.server);
  return out;
}

// Event fields that hold a user name, an address, a pod name, or free text.
const EVENT_USER_FIELDS = ['user', 'target', 'actor'] as const;
const EVENT_TEXT_FIELDS = ['text', 'path', 'query', 'location', 'route', 'message', 'server', 'object'] as const;

/** A redacted copy of one `events` record (the public shape from cli/events.ts). */
export function redactEventRecord(rec: Record<string, unknown>, r: Redactor): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rec };
  if (rec.kind === 'service-start' && typeof rec.name === 'string' && rec.culler) r.service(rec.name);
  if (rec.kind === 'user-deleted' && typeof rec.actor === 'string' && /cull/i.test(rec.actor)) r.service(rec.actor);
  for (const k of EVENT_USER_FIELDS) if (typeof rec[k] === 'string') out[k] = r.user(rec[k]);
  if (typeof rec.text === 'string') r.learn(rec.text);
  if (typeof rec.ip === 'string') out.ip = r.ip(rec.ip);
  for (const k of ['pod', 'podName', 'pvc'] as const) if (typeof rec[k] === 'string') out[k] = r.pod(rec[k]);
  for (const k of EVENT_TEXT_FIELDS) if (typeof rec[k] === 'string') out[k] = r.text(rec[k]);
  if (Array.isArray(rec.argv)) out.argv = (rec.argv as unknown[]).map((a) => (typeof a === 'string' ? r.text(a) : a));
  return out;
}
