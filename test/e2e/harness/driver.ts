// Drives a real hub over loopback HTTP like browsers and an admin would, and writes down what it
// did. The test compares hubsleuth's report with that record ("truth"), never with numbers copied
// by hand from a log.
//
// The truth also carries an allow-list model (what JupyterHub 3.0 should do; the rules
// are written out at replay() below): each login's outcome is predicted before it is made,
// and a real hub that disagrees with the model is reported as a surprise, which fails the scenario.
// That is how these tests notice if the hub's behaviour, not just its log, is not what we think.

import { randomBytes } from 'node:crypto';
import type { Hub } from './hub.js';
import { readCullerRecord } from './hub.js';

export type Auth = 'form' | 'oauth';
export type Cause = 'deleted-by-culler' | 'deleted-by-admin' | 'not-allowed';

export interface LoginAttempt {
  kind: 'login';
  user: string;
  via: Auth;
  /** Just before the decisive request (POST /hub/login, GET /hub/oauth_callback) was sent. */
  sentAt: string;
  /** When its response arrived. The hub's access line lies between the two. */
  at: string;
  ok: boolean;
  status: number;
  method: 'POST' | 'GET';
  path: string;
  /** The browser still had a cookie from before its user was deleted (`Invalid cookie token`). */
  staleCookie: boolean;
}

export interface Deletion {
  kind: 'deletion';
  user: string;
  by: 'culler' | 'admin';
  /** Name in the (user@ip) part of the DELETE access line. */
  actor: string;
  at: string;
  status: number;
  /** What the culler printed as "inactive for", null for admin deletions. */
  inactive: string | null;
}

export interface HubStartAction {
  kind: 'hub-start';
  at: string;
  readyAt: string;
}

export interface HubStopAction {
  kind: 'hub-stop';
  at: string;
}

export type Action = LoginAttempt | Deletion | HubStartAction | HubStopAction;

export interface ExpectedIncident {
  user: string;
  deletedBy: 'culler' | 'admin';
  actor: string;
  deletedAt: string;
  denials: number;
  restoredAt: string | null;
  /** What gave access back first; a restart restores between the start and the hub being ready. */
  restoredBy?: 'login' | 'restart';
  restoredBefore?: string;
}

export interface ExpectedDenial {
  user: string;
  at: string;
  status: number;
  method: string;
  path: string;
  cause: Cause;
  /** Index into expected.incidents, or null (never-allowed users). */
  incident: number | null;
}

export interface Expected {
  incidents: ExpectedIncident[];
  denials: ExpectedDenial[];
  hubStarts: number;
  culler: { seen: boolean; cullsUsers: boolean | null; timeoutSeconds: number | null; everySeconds: number | null };
  /**
   * `allow-list-emptied` when someone got in only because the allow list was empty: `deleted` is
   * the user whose deletion emptied it, at `at` (the driver's time of that deletion).
   */
  findings: { kind: 'allow-list-emptied'; users: string[]; deleted?: string; at?: string }[];
  /** Contract: 1 when at least one incident has a denial. */
  exitCode: 0 | 1 | null;
}

export interface Truth {
  schema: 'hubsleuth.e2e-truth/v1';
  scenario: string;
  description: string;
  hub: {
    version: string;
    auth: Auth;
    allowedUsers: string[];
    adminUsers: string[];
    culler: { timeoutSeconds: number; everySeconds: number; cullsUsers: boolean; standIn: string } | null;
  };
  /** Chronological. */
  actions: Action[];
  expected: Expected;
  /** Model/hub disagreements; a correct run has none. */
  surprises: string[];
}

export interface ScenarioSettings {
  auth: Auth;
  allowedUsers: string[];
  adminUsers: string[];
  culler: { timeout: number; every: number; cullUsers: boolean } | null;
  password: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => new Date().toISOString();

// --- a browser ----------------------------------------------------------------------------------

export interface Response {
  status: number;
  location: string | null;
  text: string;
}

/** One person's browser: a cookie jar, no automatic redirects (each hop is a request we chose). */
export class Browser {
  private jar = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly name: string,
  ) {}

  hasCookies(): boolean {
    return this.jar.size > 0;
  }

  async request(method: string, path: string, form?: Record<string, string>): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { 'User-Agent': `hubsleuth-e2e (${this.name})` };
    if (this.jar.size) headers.Cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (form) {
      body = new URLSearchParams(form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const r = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    for (const sc of r.headers.getSetCookie()) this.store(sc);
    return { status: r.status, location: r.headers.get('location'), text: await r.text() };
  }

  private store(setCookie: string): void {
    const [pair, ...attrs] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq < 1) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v = ''] = a.trim().split('=');
      if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
      if (k.toLowerCase() === 'expires') return Date.parse(v) < Date.now();
      return false;
    });
    if (expired || value === '' || value === '""') this.jar.delete(name);
    else this.jar.set(name, value);
  }
}

function xsrfField(html: string): string | null {
  // JupyterHub >= 4.1 puts `<input type="hidden" name="_xsrf" value="...">` in the login form
  // and checks it against the _xsrf cookie; 3.0 has neither. Send it back when present.
  const m = /name="_xsrf"\s+value="([^"]*)"/.exec(html) ?? /value="([^"]*)"\s+name="_xsrf"/.exec(html);
  return m ? m[1] : null;
}

// --- the recorder -------------------------------------------------------------------------------

export class Driver {
  readonly actions: Action[] = [];
  private browsers = new Map<string, Browser>();
  private seenCullerRecords = 0;

  constructor(
    readonly hub: Hub,
    readonly scenario: string,
    readonly description: string,
    readonly settings: ScenarioSettings,
  ) {
    for (const run of hub.runs) this.actions.push({ kind: 'hub-start', at: run.startedAt, readyAt: run.readyAt });
  }

  /** The same person keeps the same browser (and its stale cookies) across the scenario. */
  browser(user: string): Browser {
    let b = this.browsers.get(user);
    if (!b) this.browsers.set(user, (b = new Browser(this.hub.hubUrl, user)));
    return b;
  }

  async login(user: string): Promise<LoginAttempt> {
    this.syncCuller();
    return this.settings.auth === 'oauth' ? this.oauthLogin(user) : this.formLogin(user);
  }

  private async openHome(b: Browser): Promise<{ next: string; stale: boolean; page: string }> {
    // What a person does: open the hub. A valid session would land on 200; everyone here is
    // logged out or deleted, so the hub sends them to the login page.
    const stale = b.hasCookies();
    const home = await b.request('GET', '/hub/home');
    if (home.status !== 302 || !home.location) {
      throw new Error(`${b.name}: GET /hub/home gave ${home.status}, expected a redirect to the login page`);
    }
    const page = await b.request('GET', home.location);
    if (page.status !== 200) throw new Error(`${b.name}: GET ${home.location} gave ${page.status}`);
    return { next: home.location, stale, page: page.text };
  }

  private async formLogin(user: string): Promise<LoginAttempt> {
    const b = this.browser(user);
    const { next, stale, page } = await this.openHome(b);
    const form: Record<string, string> = { username: user, password: this.settings.password };
    const xsrf = xsrfField(page);
    if (xsrf) form._xsrf = xsrf;
    const postPath = new URL(next, this.hub.hubUrl);
    const sentAt = now();
    const r = await b.request('POST', postPath.pathname + postPath.search, form);
    const at = now();
    const ok = r.status === 302;
    if (!ok && !(r.status === 200 && /Invalid username or password/.test(r.text))) {
      throw new Error(`${user}: POST /hub/login gave ${r.status}, neither a login nor a refusal`);
    }
    if (ok && r.location) await this.land(b, r.location);
    return this.record({ kind: 'login', user, via: 'form', sentAt, at, ok, status: r.status, method: 'POST', path: '/hub/login', staleCookie: stale });
  }

  private async oauthLogin(user: string): Promise<LoginAttempt> {
    const b = this.browser(user);
    const { next, stale } = await this.openHome(b);
    const nextParam = new URL(next, this.hub.hubUrl).searchParams.get('next') ?? '';
    const start = await b.request('GET', `/hub/oauth_login?next=${encodeURIComponent(nextParam)}`);
    if (start.status !== 302 || !start.location) throw new Error(`${user}: /hub/oauth_login gave ${start.status}`);
    // We are the identity provider: approve and send the browser back with a code.
    const authorize = new URL(start.location);
    const state = authorize.searchParams.get('state') ?? '';
    const code = `${randomBytes(6).toString('hex')}.${Buffer.from(user).toString('base64url')}`;
    const sentAt = now();
    const r = await b.request('GET', `/hub/oauth_callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`);
    const at = now();
    const ok = r.status === 302;
    if (!ok && r.status !== 403) throw new Error(`${user}: /hub/oauth_callback gave ${r.status}, neither a login nor a 403`);
    if (ok && r.location) await this.land(b, r.location);
    return this.record({ kind: 'login', user, via: 'oauth', sentAt, at, ok, status: r.status, method: 'GET', path: '/hub/oauth_callback', staleCookie: stale });
  }

  private async land(b: Browser, location: string): Promise<void> {
    // Follow to the control panel, never to /hub/spawn: this hub has no single-user server to
    // start, and the page view is what registers the user's first activity.
    const target = new URL(location, this.hub.hubUrl);
    const path = target.pathname.startsWith('/hub/spawn') ? '/hub/home' : target.pathname + target.search;
    const r = await b.request('GET', path);
    if (r.status !== 200) throw new Error(`${b.name}: GET ${path} after login gave ${r.status}`);
  }

  /** An admin deletes a user through the REST API, as the admin page does. */
  async adminDelete(user: string): Promise<Deletion> {
    this.syncCuller();
    const admin = this.settings.adminUsers[0];
    const r = await fetch(`${this.hub.apiUrl}/users/${encodeURIComponent(user)}`, {
      method: 'DELETE',
      headers: { Authorization: `token ${this.hub.adminToken}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (r.status !== 204) throw new Error(`admin DELETE ${user} gave ${r.status}: ${await r.text()}`);
    return this.record({ kind: 'deletion', user, by: 'admin', actor: admin, at: now(), status: r.status, inactive: null });
  }

  /** Keeps a user active (token API calls) so the culler leaves them alone. Returns a stopper. */
  keepActive(intervalMs = 3000): () => Promise<void> {
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        try {
          await fetch(`${this.hub.apiUrl}/user`, {
            headers: { Authorization: `token ${this.hub.adminToken}` },
            signal: AbortSignal.timeout(5000),
          });
        } catch {
          /* the hub may be restarting */
        }
        for (let waited = 0; !stopped && waited < intervalMs; waited += 100) await sleep(100);
      }
    })();
    return async () => {
      stopped = true;
      await loop;
    };
  }

  /** Wait until the culler has deleted every one of `users` (bounded). */
  async waitForCulls(users: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.syncCuller();
      const culled = new Set(this.actions.filter((a): a is Deletion => a.kind === 'deletion' && a.by === 'culler').map((a) => a.user));
      const missing = users.filter((u) => !culled.has(u));
      if (!missing.length) return;
      if (Date.now() > deadline) throw new Error(`culler did not delete ${missing.join(', ')} within ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  /** Let the hub run untouched (e.g. so the restarted culler shows up in the log). */
  async pause(ms: number): Promise<void> {
    await sleep(ms);
    this.syncCuller();
  }

  async restart(): Promise<void> {
    this.syncCuller();
    this.record({ kind: 'hub-stop', at: now() });
    await this.hub.restart();
    const run = this.hub.runs[this.hub.runs.length - 1];
    this.record({ kind: 'hub-start', at: run.startedAt, readyAt: run.readyAt });
  }

  async stop(): Promise<void> {
    this.syncCuller();
    this.record({ kind: 'hub-stop', at: now() });
    await this.hub.stop();
    this.syncCuller(); // deletions that landed during shutdown
  }

  /** Pull new culler deletions from the stand-in's record file into the action list. */
  syncCuller(): void {
    const recs = readCullerRecord(this.hub);
    for (const rec of recs.slice(this.seenCullerRecords)) {
      if (rec.action !== 'delete-user' || rec.status >= 300) continue;
      this.record({ kind: 'deletion', user: rec.user, by: 'culler', actor: 'jupyterhub-idle-culler', at: rec.at, status: rec.status, inactive: rec.inactive });
    }
    this.seenCullerRecords = recs.length;
  }

  private record<T extends Action>(a: T): T {
    this.actions.push(a);
    return a;
  }

  truth(hubVersion: string): Truth {
    this.syncCuller();
    const actions = [...this.actions].sort((a, b) => a.at.localeCompare(b.at));
    const { expected, surprises } = replay(this.settings, actions);
    const s = this.settings;
    return {
      schema: 'hubsleuth.e2e-truth/v1',
      scenario: this.scenario,
      description: this.description,
      hub: {
        version: hubVersion,
        auth: s.auth,
        allowedUsers: s.allowedUsers,
        adminUsers: s.adminUsers,
        culler: s.culler && {
          timeoutSeconds: s.culler.timeout,
          everySeconds: s.culler.every,
          cullsUsers: s.culler.cullUsers,
          standIn: 'test/e2e/harness/py/jupyterhub_idle_culler (same REST calls and log lines as jupyterhub-idle-culler 1.4.0)',
        },
      },
      actions,
      expected,
      surprises,
    };
  }
}

// --- the model ----------------------------------------------------------------------------------

/**
 * Replays the actions through JupyterHub 3.0's allow-list rules and derives what a correct
 * report must say. The rules, as JupyterHub 3.0's Authenticator keeps its set: at start,
 * allowed = config allow list plus every user in the DB (only when the config list is non-empty);
 * deleting a user drops them from the DB and the set; an empty set admits anyone; a new user joins the set only when it is non-empty.
 */
export function replay(s: ScenarioSettings, actions: Action[]): { expected: Expected; surprises: string[] } {
  const config = new Set(s.allowedUsers);
  const db = new Set<string>();
  let allowed = new Set<string>();
  const incidents: ExpectedIncident[] = [];
  const open = new Map<string, number>(); // user -> index of their unrestored incident
  const denials: ExpectedDenial[] = [];
  const admitted: string[] = [];
  let emptiedBy: Deletion | null = null;
  const surprises: string[] = [];
  let starts = 0;

  for (const a of actions) {
    switch (a.kind) {
      case 'hub-start': {
        starts++;
        // The start reloads the allow list: every user still deleted can log in again from here.
        for (const inc of open.values()) if (incidents[inc].restoredAt === null) Object.assign(incidents[inc], { restoredAt: a.at, restoredBy: 'restart', restoredBefore: a.readyAt });
        open.clear();
        for (const u of [...config, ...s.adminUsers]) db.add(u);
        allowed = config.size ? new Set([...config, ...db]) : new Set();
        break;
      }
      case 'hub-stop':
        break;
      case 'deletion': {
        db.delete(a.user);
        if (allowed.delete(a.user) && allowed.size === 0 && admitted.length === 0) emptiedBy = a;
        open.set(a.user, incidents.length);
        incidents.push({ user: a.user, deletedBy: a.by, actor: a.actor, deletedAt: a.at, denials: 0, restoredAt: null });
        break;
      }
      case 'login': {
        const predicted = allowed.size === 0 || allowed.has(a.user);
        if (predicted !== a.ok) {
          surprises.push(`${a.at} ${a.user}: model predicted ${predicted ? 'admitted' : 'refused'}, hub ${a.ok ? 'admitted' : 'refused'}`);
        }
        const inc = open.get(a.user);
        if (a.ok) {
          if (allowed.size === 0 && !config.has(a.user) && !s.adminUsers.includes(a.user) && !admitted.includes(a.user)) {
            admitted.push(a.user);
          }
          db.add(a.user);
          if (allowed.size) allowed.add(a.user);
          if (inc !== undefined) {
            Object.assign(incidents[inc], { restoredAt: a.at, restoredBy: 'login' });
            open.delete(a.user);
          }
        } else {
          const cause: Cause = inc !== undefined ? (incidents[inc].deletedBy === 'admin' ? 'deleted-by-admin' : 'deleted-by-culler') : 'not-allowed';
          if (inc !== undefined) incidents[inc].denials++;
          denials.push({ user: a.user, at: a.at, status: a.status, method: a.method, path: a.path, cause, incident: inc ?? null });
        }
        break;
      }
    }
  }
  return {
    expected: {
      incidents,
      denials,
      hubStarts: starts,
      culler: s.culler
        ? { seen: true, cullsUsers: s.culler.cullUsers, timeoutSeconds: s.culler.timeout, everySeconds: s.culler.every }
        : { seen: false, cullsUsers: null, timeoutSeconds: null, everySeconds: null },
      findings: admitted.length ? [{ kind: 'allow-list-emptied', users: admitted, deleted: emptiedBy?.user, at: emptiedBy?.at }] : [],
      exitCode: incidents.some((i) => i.denials > 0) ? 1 : null,
    },
    surprises,
  };
}
