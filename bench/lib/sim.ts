// Discrete-event model of a z2jh chart 3.3.7 hub pod (JupyterHub 4.1.5, idle-culler 1.3.1,
// OAuthenticator 16.3.0 Google, KubeSpawner 6.2.0). State (allow list, DB users, servers,
// last activity) evolves as in the real hub, so culls and refusals follow from it rather than
// being pasted in: deleting a user drops them from the in-memory allow list (Authenticator.delete_user),
// a restart rebuilds it from config and re-creates configured users with no activity.
import { Heap, type Out } from './out.js';
import type { Rng } from './prng.js';
import { cullerTs, formatTd, hubTs, k8sEscape, pyQuote, pyTimedelta } from './fmt.js';
import { isoAt, type IncidentRef, type Truth } from './truth.js';

// Line numbers: those these versions log, read from real logs. The ones marked
// "est." were not seen: JupyterHub 3.0.0's line shifted by the 3.0.0→4.1.5 offset of a
// neighbouring message (app +111, base +127, proxy -2). Parsers must treat them as opaque anyway.
const L = {
  access: 'log:192', headers: 'log:184', notAllowed: 'auth:534', failedLogin: 'base:943', loggedIn: 'base:937',
  tookStop: 'base:1297', removeProxy: 'proxy:357', managed: 'app:3215', startService: 'service:386', spawning: 'service:134',
  deletePod: 'spawner:2849', deletePvc: 'spawner:2881', oauthRedirect: 'oauth2:99',
  running: 'app:2886', using: 'app:2917', cookie: 'app:1721', initSpawners: 'app:2956', apiListen: 'app:3204', privateUrl: 'app:3206',
  nowRunning: 'app:3274', signal: 'app:3362', cleanup: 'app:3002', leaving: 'app:3014', noProxy: 'app:3022', done: 'app:3039', // est.
  tookStart: 'base:1091', addProxy: 'proxy:332', pending: 'pages:398', checkRoutes: 'proxy:393', // est.
  noPvc: 'spawner:2893', createPvc: 'spawner:2628', createPod: 'spawner:2584', // est. (KubeSpawner 6.2.0)
  webWarn: 'web:1873', webError: 'web:1877', // tornado 6.4: warning as in real 2024 logs; error est.
};
const CULL = { server: 241, user: 371 }; // idle-culler 1.3.1 __init__ lines

const CULLER = 'jupyterhub-idle-culler';
const HOST = 'hub.example.org';
const NS = 'jhub';
const FORBIDDEN = 'Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.';
const KUBELET_IP = '10.8.0.1';

export interface SimConfig {
  timeout: number; // s
  every: number; // s
  cullUsers: boolean;
  debug: boolean; // hub log level DEBUG: health probes, static files, route checks
  users: { name: string; admin?: boolean; allowed?: boolean }[];
  ingressIps?: string[];
}

interface Server { id: number; ip: string; started: number }
interface User {
  name: string; admin: boolean; allowed: boolean; exists: boolean; created: number;
  activeUntil: number | null; lastLogin: number | null; server: Server | null; pvc: boolean; inc: IncidentRef | null;
  ip: string; busy: boolean;
}
interface Action { t: number; seq: number; fn: () => void }
export interface VisitOpts { session?: number; retries?: number[]; callbackAt?: number; callbackMs?: number; onDone?: (ok: boolean) => void }

export class Sim {
  private agenda = new Heap<Action>();
  private seq = 0;
  now = 0;
  users = new Map<string, User>();
  running = false;
  private gen = 0; // hub process generation: stale periodic actions of a dead process stop
  private allow = new Set<string>();
  private nextId = 1;
  private ips: string[];

  constructor(readonly cfg: SimConfig, readonly out: Out, readonly truth: Truth, readonly rng: Rng) {
    this.ips = cfg.ingressIps ?? ['10.0.2.15', '10.0.3.21'];
    for (const u of cfg.users) this.addUser(u.name, !!u.admin, u.allowed !== false);
  }

  addUser(name: string, admin: boolean, allowed: boolean) {
    this.users.set(name, { name, admin, allowed, exists: false, created: 0, activeUntil: null, lastLogin: null, server: null, pvc: false, inc: null, ip: this.rng.pick(this.ips), busy: false });
  }

  at(t: number, fn: () => void) {
    this.agenda.push({ t, seq: this.seq++, fn });
  }

  /** Run actions in time order until `until` (or the output is full), flushing lines as they become final. */
  async run(until: number) {
    for (let a = this.agenda.peek(); a && a.t < until && !this.out.full; a = this.agenda.peek()) {
      this.agenda.pop();
      await this.out.flushBefore(a.t);
      this.now = a.t;
      a.fn();
    }
  }

  // ---- line builders --------------------------------------------------------------------
  hub(t: number, lvl: string, loc: string, msg: string, hook?: (line: number, t: number) => void) {
    if (lvl === 'D' && !this.cfg.debug) return;
    this.out.emit(t, `[${lvl} ${hubTs(t)} JupyterHub ${loc}] ${msg}`, 'stderr', hook);
  }
  private culler(t: number, line: number, msg: string, hook?: (line: number, t: number) => void) {
    this.out.emit(t, `[I ${cullerTs(t)} __init__:${line}] ${msg}`, 'stderr', hook);
  }
  /** z2jh print() output: stdout, no prefix */
  private print(t: number, msg: string) {
    this.out.emit(t, msg, 'stdout');
  }
  /**
   * The access line, at the level JupyterHub's log_request gives it: 5xx error, 4xx warning, 304
   * and quiet ones debug unless slow.
   */
  access(t: number, status: number, method: string, uri: string, user: string, ip: string, ms: number,
         o: { loc?: string; quiet?: boolean; hook?: (line: number, t: number) => void } = {}) {
    let lvl = status >= 500 ? 'E' : status >= 400 ? 'W' : status === 304 || (o.quiet && status < 300) ? 'D' : 'I';
    if (lvl === 'D' && ms >= 1000) lvl = 'I';
    const loc = o.loc && (status === 301 || status === 302) ? ` -> ${o.loc}` : '';
    this.hub(t, lvl, L.access, `${status} ${method} ${uri}${loc} (${user}@${ip}) ${ms.toFixed(2)}ms`, o.hook);
  }

  private podIp() {
    return `10.4.${this.rng.int(0, 7)}.${this.rng.int(2, 250)}`;
  }
  private lastActivity(u: User, t: number): number | null {
    return u.activeUntil === null ? null : Math.min(t, u.activeUntil);
  }

  // ---- hub process ----------------------------------------------------------------------
  argv(): string[] {
    const a = ['python3', '-m', 'jupyterhub_idle_culler', '--url=http://localhost:8081/hub/api', `--timeout=${this.cfg.timeout}`, `--cull-every=${this.cfg.every}`, '--concurrency=10'];
    if (this.cfg.cullUsers) a.push('--cull-users');
    return a;
  }

  start(t: number) {
    this.running = true;
    const g = ++this.gen;
    this.print(t, 'Loading /usr/local/etc/jupyterhub/secret/values.yaml');
    this.print(t + 1, 'No config at /usr/local/etc/jupyterhub/existing-secret/values.yaml');
    let x = t + this.rng.range(700, 1400);
    this.hub(x, 'I', L.running, 'Running JupyterHub version 4.1.5', (line, tt) => this.truth.start({ at: isoAt(tt), version: '4.1.5', line }));
    for (const u of ['Authenticator: oauthenticator.google.GoogleOAuthenticator-16.3.0', 'Spawner: kubespawner.spawner.KubeSpawner-6.2.0', 'Proxy: jupyterhub.proxy.ConfigurableHTTPProxy-4.1.5'])
      this.hub((x += 2), 'I', L.using, `Using ${u}`);
    this.hub((x += 1), 'I', L.cookie, 'Loading cookie_secret from env[JPY_COOKIE_SECRET]');
    // allowed_users is rebuilt from config; configured users missing from the DB are re-created silently
    this.allow = new Set([...this.users.values()].filter((u) => u.allowed && !u.admin).map((u) => u.name));
    x += this.rng.range(200, 500);
    for (const u of this.users.values()) {
      if (!u.exists && (u.allowed || u.admin)) Object.assign(u, { exists: true, created: x, activeUntil: null, inc: u.inc });
      if (u.exists) this.allow.add(u.name); // allow_existing_users: every DB user is allowed
    }
    const running = [...this.users.values()].filter((u) => u.server).length;
    this.hub((x += this.rng.range(30, 300)), 'I', L.initSpawners, `Initialized ${running} spawners in ${this.rng.range(0.002, 0.09).toFixed(3)} seconds`);
    this.hub((x += 40), 'I', L.apiListen, 'Hub API listening on http://:8081/hub/');
    this.hub((x += 1), 'I', L.privateUrl, 'Private Hub API connect url http://hub:8081/hub/');
    this.hub((x += 1), 'I', L.managed, `Starting managed service ${CULLER}`);
    const argv = this.argv();
    const text = `Starting service '${CULLER}': [${argv.map((s) => `'${s}'`).join(', ')}]`;
    this.hub((x += 1), 'I', L.startService, text, (line, tt) => {
      if (this.truth.culler.seen) return; // evidence: the first logged argv
      Object.assign(this.truth.culler, { seen: true, cullsUsers: this.cfg.cullUsers, timeoutSeconds: this.cfg.timeout, everySeconds: this.cfg.every, line, text: `[I ${hubTs(tt)} JupyterHub ${L.startService}] ${text}` });
    });
    this.hub((x += 1), 'I', L.spawning, `Spawning ${argv.join(' ')}`);
    this.hub((x += this.rng.range(5, 40)), 'I', L.nowRunning, 'JupyterHub is now running, internal Hub API at http://hub:8081/hub/');
    // culler 1.x: first cycle right away, then a PeriodicCallback every --cull-every seconds
    this.at(x + this.rng.range(900, 1600), () => this.cycle(g));
    if (this.cfg.debug) {
      this.at(x + 500, () => this.probe(g, 2000));
      this.at(x + 300000, () => this.probe(g, 10000));
      this.at(x + 300000, () => this.routes(g));
    }
  }

  /** SIGTERM from a rollout / `kubectl delete pod` (z2jh keeps servers running: cleanup_servers=False). */
  stop(t: number) {
    this.running = false;
    this.gen++;
    let x = t;
    this.hub(x, 'C', L.signal, 'Received signal SIGTERM, initiating shutdown...');
    this.hub((x += 1), 'I', L.cleanup, 'Cleaning up 1 services...');
    this.hub((x += this.rng.range(2, 15)), 'I', L.leaving, 'Leaving single-user servers running');
    this.hub((x += 1), 'I', L.noProxy, "I didn't start the proxy, I can't clean it up");
    this.hub(x + 3, 'I', L.done, '...done');
  }

  restart(t: number, downMs = 45000) {
    this.at(t, () => this.stop(this.now));
    this.at(t + downMs, () => this.start(this.now));
  }

  private probe(g: number, period: number) {
    if (g !== this.gen) return;
    this.access(this.now, 200, 'GET', '/hub/health', '', KUBELET_IP, this.rng.ms(0.4, 1.2), { quiet: true });
    this.at(this.now + period + this.rng.range(-3, 3), () => this.probe(g, period));
  }
  private routes(g: number) {
    if (g !== this.gen) return;
    this.hub(this.now, 'D', 'proxy:880', 'Proxy: Fetching GET http://proxy-api:8001/api/routes');
    this.hub(this.now + this.rng.range(3, 9), 'D', L.checkRoutes, 'Checking routes');
    this.at(this.now + 300000 + this.rng.range(0, 20), () => this.routes(g));
  }

  // ---- the culler -----------------------------------------------------------------------
  private cycle(g: number) {
    if (g !== this.gen) return;
    const t = this.now;
    let x = t + this.rng.range(1, 4);
    this.access(x, 200, 'GET', '/hub/api/', CULLER, '::1', this.rng.ms(0.9, 2.5));
    // with --cull-users: ?state=inactive then ?state=ready, both scrubbed
    for (let i = 0; i < (this.cfg.cullUsers ? 2 : 1); i++) this.access((x += this.rng.range(8, 40)), 200, 'GET', '/hub/api/users?state=[secret]', CULLER, '::1', this.rng.ms(6, 45));
    const slots = new Array<number>(10).fill(x + 5); // --concurrency=10
    for (const u of this.users.values()) {
      if (!u.exists) continue;
      const s = slots.indexOf(Math.min(...slots));
      let y = slots[s] + this.rng.range(0.5, 3);
      let alive = false;
      if (u.server) {
        const la = this.lastActivity(u, t) ?? u.server.started;
        const idle = (t - la) / 1000;
        if (idle >= this.cfg.timeout) y = this.cullServer(u, y, idle);
        else alive = true;
      }
      if (this.cfg.cullUsers && !alive) {
        const la = this.lastActivity(u, t);
        const idleUs = (t - (la ?? u.created)) * 1000 + this.rng.int(0, 999);
        if (idleUs >= this.cfg.timeout * 1e6) y = this.cullUser(u, y, pyTimedelta(idleUs));
      }
      slots[s] = y;
    }
    this.at(t + this.cfg.every * 1000 + this.rng.range(0.2, 6), () => this.cycle(g));
  }

  /** server stop as logged by the hub; returns when the DELETE answered */
  private stopServer(u: User, x: number): number {
    const esc = k8sEscape(u.name);
    this.hub((x += this.rng.range(4, 14)), 'I', L.removeProxy, `Removing user ${u.name} from proxy (/user/${u.name}/)`);
    this.hub((x += this.rng.range(5, 12)), 'I', L.deletePod, `Deleting pod ${NS}/jupyter-${esc}`);
    const took = this.rng.range(1.1, 4.8);
    this.hub((x += took * 1000), 'I', L.tookStop, `User ${u.name} server took ${took.toFixed(3)} seconds to stop`);
    u.server = null;
    return x;
  }

  private cullServer(u: User, x: number, idle: number): number {
    const t0 = x;
    this.culler(x, CULL.server, `Culling server ${u.name} (inactive for ${formatTd(idle)})`, () => this.truth.serverCull());
    x = this.stopServer(u, x + this.rng.range(2, 6)) + this.rng.range(1, 4);
    this.access(x, 204, 'DELETE', `/hub/api/users/${pyQuote(u.name)}/server`, CULLER, '::1', x - t0 - this.rng.range(0.5, 2));
    return x + this.rng.range(1, 5);
  }

  /** DELETE /hub/api/users/<name>: PVC deletion, then the 204; the user leaves the allow list. */
  private deleteUser(u: User, x: number, actor: string, ip: string, t0: number, inactiveFor: string | null, culler: { line: number | null; text: string | null }) {
    const by = actor === CULLER ? 'culler' : 'admin';
    if (u.server) x = this.stopServer(u, x);
    const esc = k8sEscape(u.name);
    x += this.rng.range(15, 45);
    if (u.pvc) this.hub(x, 'I', L.deletePvc, `Deleting pvc claim-${esc}`);
    else this.hub(x, 'W', L.noPvc, `No pvc claim-${esc} to delete. Assuming already deleted.`);
    x += this.rng.range(20, 70);
    const ref: IncidentRef = { index: -1, deletedBy: by };
    const name = u.name;
    const ms = x - t0;
    const text = `[I ${hubTs(x)} JupyterHub ${L.access}] 204 DELETE /hub/api/users/${name} (${actor}@${ip}) ${ms.toFixed(2)}ms`;
    this.access(x, 204, 'DELETE', `/hub/api/users/${name}`, actor, ip, ms, {
      hook: (line, tt) => this.truth.deletion({ user: name, deletedAt: isoAt(tt), deletedBy: by, actor, inactiveFor, line, cullerLine: culler.line, text, cullerText: culler.text }, ref),
    });
    Object.assign(u, { exists: false, server: null, pvc: false, activeUntil: null, inc: ref });
    this.allow.delete(u.name); // Authenticator.delete_user → allowed_users.discard
    return x;
  }

  private cullUser(u: User, x: number, td: string): number {
    const c = { line: null as number | null, text: null as string | null };
    const msg = `Culling user ${u.name} (inactive for ${td})`;
    this.culler(x, CULL.user, msg, (line, tt) => Object.assign(c, { line, text: `[I ${cullerTs(tt)} __init__:${CULL.user}] ${msg}` }));
    return this.deleteUser(u, x + this.rng.range(1, 5), CULLER, '::1', x, td, c) + 2;
  }

  // ---- people ---------------------------------------------------------------------------
  /** An admin deletes a user from the admin page. */
  adminDelete(admin: string, target: string) {
    const a = this.users.get(admin)!, u = this.users.get(target)!;
    let x = this.now;
    this.access(x, 200, 'GET', '/hub/admin', admin, a.ip, this.rng.ms(8, 20));
    this.access((x += this.rng.range(300, 700)), 200, 'GET', '/hub/api/users?offset=0&limit=50&name_filter=&sort=id&state=&_xsrf=[secret]', admin, a.ip, this.rng.ms(10, 40));
    x += this.rng.range(5000, 20000);
    const end = this.deleteUser(u, x, admin, a.ip, x, null, { line: null, text: null });
    this.access(end + this.rng.range(80, 200), 200, 'GET', '/hub/api/users?offset=0&limit=50&name_filter=&sort=id&state=&_xsrf=[secret]', admin, a.ip, this.rng.ms(10, 40));
  }

  /** A browser visit: login page → Google → /hub/oauth_callback, then a session if allowed. */
  visit(name: string, o: VisitOpts = {}) {
    const u = this.users.get(name)!;
    if (!this.running || u.busy) return;
    u.busy = true;
    let x = this.now;
    this.access(x, 302, 'GET', '/hub/', '', u.ip, this.rng.ms(0.6, 1.6), { loc: '/hub/login?next=%2Fhub%2F' });
    this.access((x += this.rng.range(120, 600)), 200, 'GET', '/hub/login?next=%2Fhub%2F', '', u.ip, this.rng.ms(2, 7));
    this.statics(x, u, ['/hub/static/css/style.min.css?v=bff49b4a161afb17ee3b71927ce7d6c4e5d0ac9b3f4b5a4d1dbac2b8fcc32ac9a2d3f0f5fbd3e4cb3d1fba0a2b3a0e4c', '/hub/static/components/requirejs/require.js?v=bd1aa102bdb0b27fbf712b32cfcd29b016c272acf3d864ee8469376eaddd032cadcf827ff17c05a8c8e20061418fe58cf79947049f5c0dff3b4f73fcc8cad8ec', '/hub/logo']);
    x += this.rng.range(1500, 6000);
    this.hub(x, 'I', L.oauthRedirect, `OAuth redirect: https://${HOST}/hub/oauth_callback`);
    this.access(x + 1, 302, 'GET', '/hub/oauth_login?next=%2Fhub%2F', '', u.ip, this.rng.ms(1.5, 4), {
      loc: `https://accounts.google.com/o/oauth2/v2/auth?response_type=code&redirect_uri=https%3A%2F%2F${HOST}%2Fhub%2Foauth_callback&client_id=781265034529-k3pd9mc4h0f2v1s6q8r7e5t2y4u9i0o1.apps.googleusercontent.com&state=[secret]&scope=openid+email`,
    });
    const dur = o.callbackMs ?? this.rng.ms(180, 650);
    const decide = o.callbackAt ?? x + this.rng.range(900, 9000) + dur;
    // decide at callback time, on the state at that moment
    this.at(decide, () => this.callback(u, dur, o));
  }

  private callback(u: User, dur: number, o: VisitOpts) {
    let x = this.now;
    const stateId = this.hex(32);
    const state = Buffer.from(JSON.stringify({ state_id: stateId, next_url: '/hub/' })).toString('base64url');
    const code = `4%2F0A${this.b64(70)}`;
    const q = (s: string, c: string, au: string) => `?state=${s}&code=${c}&scope=email+openid+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email&authuser=${au}&prompt=none`;
    const raw = '/hub/oauth_callback' + q(state, code, '0');
    const scrubbed = '/hub/oauth_callback' + q('[secret]', '[secret]', '[secret]');
    const ok = this.running && (u.admin || this.allow.has(u.name));
    u.busy = false;
    if (!ok) {
      const who = u.name.includes("'") ? `"${u.name}"` : `'${u.name}'`;
      this.hub(x, 'W', L.notAllowed, `User ${who} not allowed.`);
      this.hub((x += this.rng.range(0.2, 0.6)), 'W', L.failedLogin, 'Failed login for unknown user');
      this.hub((x += this.rng.range(0.3, 0.9)), 'W', L.webWarn, `403 GET ${raw} (${u.ip}): ${FORBIDDEN}`);
      x += this.rng.range(0.3, 0.9);
      const inc = u.inc, name = u.name;
      const cause = inc ? (inc.deletedBy === 'admin' ? 'deleted-by-admin' : 'deleted-by-culler') : 'not-allowed';
      const text = (tt: number) => `[W ${hubTs(tt)} JupyterHub ${L.access}] 403 GET ${scrubbed} (@${u.ip}) ${(dur + x - this.now).toFixed(2)}ms`;
      this.access(x, 403, 'GET', scrubbed, '', u.ip, dur + x - this.now, {
        hook: (line, tt) => this.truth.denial({ at: isoAt(tt), user: name, status: 403, method: 'GET', path: '/hub/oauth_callback', cause, incident: inc && inc.index >= 0 ? inc.index : null, line, text: text(tt) }),
      });
      const next = o.retries?.[0];
      if (next !== undefined) this.at(x + next * 60000, () => this.visit(u.name, { ...o, retries: o.retries!.slice(1), callbackAt: undefined, callbackMs: undefined }));
      else o.onDone?.(false);
      return;
    }
    if (!u.exists) Object.assign(u, { exists: true, created: x }); // re-created on login (admins; allowed again after a restart)
    this.allow.add(u.name);
    u.inc = null;
    const name = u.name;
    this.hub(x, 'I', L.loggedIn, `User logged in: ${name}`, (line, tt) => this.truth.login({ at: isoAt(tt), user: name, line }));
    this.access((x += this.rng.range(1.5, 3.5)), 302, 'GET', scrubbed, name, u.ip, dur + x - this.now, { loc: '/hub/' });
    const session = (o.session ?? this.rng.range(20, 180)) * 60000;
    u.lastLogin = x;
    u.activeUntil = x + session;
    x += this.rng.range(100, 400);
    if (u.server) this.access(x, 302, 'GET', '/hub/', name, u.ip, this.rng.ms(2, 6), { loc: `/user/${pyQuote(name)}/` });
    else this.spawn(u, x);
    // hub-side traffic of a working session: the server re-checking the token, home page visits
    for (let y = x + this.rng.exp(360000); y < u.activeUntil; y += this.rng.exp(360000)) {
      const yy = y;
      this.at(yy, () => this.sessionNoise(u));
    }
    o.onDone?.(true);
  }

  private sessionNoise(u: User) {
    if (!this.running || !u.exists) return;
    const x = this.now;
    if (u.server && this.rng.chance(0.7)) this.access(x, 200, 'GET', '/hub/api/user', u.name, u.server.ip, this.rng.ms(3, 18));
    else {
      this.access(x, 200, 'GET', '/hub/home', u.name, u.ip, this.rng.ms(5, 25));
      this.statics(x, u, ['/hub/static/js/home.js?v=20250513080000', '/hub/static/favicon.ico?v=fde5757cd3892b979919d3b1faa88a410f28829feb5ba22b6cf069f2c6c98675fceef90f932e49b510e74d65c681d5846b943e7f7cc1b41867422f0481085c1f']);
    }
  }

  private statics(x: number, u: User, paths: string[]) {
    if (!this.cfg.debug) return;
    for (const p of paths) this.access((x += this.rng.range(20, 120)), this.rng.chance(0.8) ? 304 : 200, 'GET', p, '', u.ip, this.rng.ms(0.5, 3), { quiet: true });
  }

  private spawn(u: User, x: number) {
    const name = u.name, esc = k8sEscape(name), q = pyQuote(name);
    this.access(x, 302, 'GET', '/hub/', name, u.ip, this.rng.ms(2, 6), { loc: '/hub/spawn' });
    x += this.rng.range(80, 200);
    this.hub(x, 'I', L.createPvc, `Attempting to create pvc claim-${esc}, with timeout 3`);
    this.hub((x += this.rng.range(30, 90)), 'I', L.createPod, `Attempting to create pod jupyter-${esc}, with timeout 3`);
    this.access((x += this.rng.range(5, 30)), 302, 'GET', '/hub/spawn', name, u.ip, this.rng.ms(120, 400), { loc: `/hub/spawn-pending/${q}` });
    this.hub((x += this.rng.range(40, 120)), 'I', L.pending, `${name} is pending spawn`);
    this.access((x += 2), 200, 'GET', `/hub/spawn-pending/${q}`, name, u.ip, this.rng.ms(8, 25));
    const took = this.rng.range(4, 16);
    const t1 = x + took * 1000;
    const ip = this.podIp();
    this.access(t1 - 300, 200, 'POST', `/hub/api/users/${q}/activity`, name, ip, this.rng.ms(8, 25));
    this.hub(t1, 'I', L.tookStart, `User ${name} took ${took.toFixed(3)} seconds to start`);
    this.hub(t1 + 1, 'I', L.addProxy, `Adding user ${name} to proxy /user/${name}/ => http://${ip}:8888`);
    this.access(t1 + this.rng.range(10, 30), 200, 'GET', `/hub/api/users/${q}/server/progress`, name, u.ip, took * 1000 - 150);
    let y = t1 + this.rng.range(200, 600);
    this.access(y, 302, 'GET', `/hub/spawn-pending/${q}`, name, u.ip, this.rng.ms(3, 9), { loc: `/user/${q}/` });
    this.access((y += this.rng.range(200, 500)), 302, 'GET', `/hub/api/oauth2/authorize?client_id=jupyterhub-user-${q}&redirect_uri=%2Fuser%2F${q}%2Foauth_callback&response_type=code&state=[secret]`, name, u.ip, this.rng.ms(8, 30), { loc: `/user/${q}/oauth_callback?code=[secret]&state=[secret]` });
    this.access((y += this.rng.range(30, 90)), 200, 'POST', '/hub/api/oauth2/token', '', ip, this.rng.ms(20, 60));
    this.access(y + this.rng.range(10, 40), 200, 'GET', '/hub/api/user', name, ip, this.rng.ms(5, 20));
    const srv: Server = { id: this.nextId++, ip, started: t1 };
    u.server = srv;
    u.pvc = true;
    this.at(t1 + 300000 + this.rng.range(0, 50), () => this.activity(u, srv.id));
  }

  /** jupyterhub-singleuser reports activity every 300 s while it runs (even when idle). */
  private activity(u: User, id: number) {
    if (u.server?.id !== id) return;
    if (this.running) this.access(this.now, 200, 'POST', `/hub/api/users/${pyQuote(u.name)}/activity`, u.name, u.server.ip, this.rng.ms(7, 30));
    this.at(this.now + 300000 + this.rng.range(0, 50), () => this.activity(u, id));
  }

  // ---- other refusals and noise ---------------------------------------------------------
  /** A scanner probing with a path-traversal URI longer than the runtime's 16 KiB line buffer. */
  probeLong(ip = '10.0.3.21') {
    if (!this.running) return;
    const path = '/hub/' + '%2e%2e%2f'.repeat(1900) + 'etc%2fpasswd';
    this.access(this.now, 404, 'GET', path, '', ip, this.rng.ms(1, 4));
  }

  /** A form POST without the _xsrf field (scanner or stale page): tornado 403, not a login refusal. */
  xsrf(ip = '10.0.2.15') {
    if (!this.running) return;
    const x = this.now;
    this.hub(x, 'W', L.webWarn, `403 POST /hub/login?next=%2Fhub%2F (${ip}): '_xsrf' argument missing from POST`);
    const ms = this.rng.ms(0.8, 2.5);
    this.access(x + 0.6, 403, 'POST', '/hub/login?next=%2Fhub%2F', '', ip, ms, {
      hook: (line, tt) => this.truth.denial({ at: isoAt(tt), user: null, status: 403, method: 'POST', path: '/hub/login', cause: 'xsrf', incident: null, line, text: '' }),
    });
  }

  /** SQLite "database is locked" (a classic on z2jh): traceback, 5xx header dump, 500 access line. */
  crash(name: string) {
    const u = this.users.get(name)!;
    if (!this.running || !u.exists) return;
    let x = this.now + this.rng.range(5000, 5200);
    const site = '/usr/local/lib/python3.11/site-packages';
    const tb = [
      `Uncaught exception GET /hub/home (${u.ip})`,
      `HTTPServerRequest(protocol='https', host='${HOST}', method='GET', uri='/hub/home', version='HTTP/1.1', remote_ip='${u.ip}')`,
      'Traceback (most recent call last):',
      `  File "${site}/sqlalchemy/engine/base.py", line 1967, in _exec_single_context`,
      '    self.dialect.do_execute(',
      `  File "${site}/sqlalchemy/engine/default.py", line 924, in do_execute`,
      '    cursor.execute(statement, parameters)',
      'sqlite3.OperationalError: database is locked',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      `  File "${site}/tornado/web.py", line 1790, in _execute`,
      '    result = await result',
      '             ^^^^^^^^^^^^',
      `  File "${site}/jupyterhub/handlers/pages.py", line 142, in get`,
      '    self.db.commit()',
      `  File "${site}/sqlalchemy/orm/session.py", line 1969, in commit`,
      '    trans.commit(_to_root=True)',
      "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked",
      '[SQL: UPDATE users SET last_activity=? WHERE users.id = ?]',
      `[parameters: ('${new Date(x).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000')}', ${this.rng.int(2, 40)})]`,
      '(Background on this error at: https://sqlalche.me/e/20/e3q8)',
    ];
    this.out.emit(x, `[E ${hubTs(x)} JupyterHub ${L.webError}] ` + tb.map((l, i) => (i ? '    ' + l : l)).join('\n'));
    const headers = {
      Host: HOST, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
      Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'Accept-Encoding': 'gzip, deflate, br, zstd',
      'Accept-Language': 'en-US,en;q=0.5', Cookie: 'jupyterhub-session-id=[secret]; jupyterhub-hub-login=[secret]; _xsrf=[secret]',
      Referer: `https://${HOST}/hub/spawn-pending/${pyQuote(name)}`, 'X-Forwarded-For': `${u.ip}`, 'X-Forwarded-Host': HOST,
      'X-Forwarded-Port': '443', 'X-Forwarded-Proto': 'https', 'X-Real-Ip': u.ip, 'X-Scheme': 'https',
    };
    x += 1;
    this.out.emit(x, `[E ${hubTs(x)} JupyterHub ${L.headers}] ` + JSON.stringify(headers, null, 2).split('\n').map((l, i) => (i ? '    ' + l : l)).join('\n'));
    this.access(x + 0.5, 500, 'GET', '/hub/home', name, u.ip, 5000 + this.rng.ms(1, 200));
  }

  private hex(n: number) {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.rng.int(0, 15)];
    return s;
  }
  private b64(n: number) {
    const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (let i = 0; i < n; i++) s += a[this.rng.int(0, 63)];
    return s;
  }
}
