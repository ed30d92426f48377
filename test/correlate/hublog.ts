// Composes hub-container logs line by line as chart 3.3.7 writes them (JupyterHub 4.1.5,
// jupyterhub-idle-culler 1.3.1, OAuthenticator 16.3.0, KubeSpawner 6.2.0), and
// the JupyterHub 3.0 form-login lines captured in samples/real/. Tests read like the incident:
// `log.cullUser('10:22:00.601', 'alice')`, `log.refusedOAuth('13:40:02.120', 'alice')`.
// Every helper returns the 1-based line number of the line a report would cite.

export const DAY = '2025-05-14';
const CULLER_DAY = DAY.slice(2).replace(/-/g, '');

/** `HH:MM:SS.mmm` on the log's day, as the report writes it (UTC). */
export const iso = (time: string): string => `${DAY}T${time}Z`;

export const CULLER_ARGV = [
  'python3', '-m', 'jupyterhub_idle_culler', '--url=http://localhost:8081/hub/api', '--timeout=3600', '--cull-every=600', '--concurrency=10', '--cull-users',
];

const OAUTH_QUERY = 'state=[secret]&code=[secret]&scope=email+openid&authuser=[secret]&hd=example.com&prompt=none';
const OAUTH_RAW_QUERY = 'state=eyJzdGF0ZV9pZCI6IjNkNWYzYjQ4In0&code=4%2F0AEB5Tr-gc_aXyV&scope=email+openid&authuser=0&hd=example.com&prompt=none';
const FORBIDDEN = 'Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.';

export class HubLog {
  readonly lines: string[] = [];

  /** Appends a raw line (z2jh prints, continuation lines). */
  raw(line: string): number {
    return this.lines.push(line);
  }

  /** `[L yyyy-mm-dd HH:MM:SS.mmm JupyterHub module:N] msg` */
  hub(time: string, level: 'D' | 'I' | 'W' | 'E' | 'C', module: string, msg: string): number {
    return this.raw(`[${level} ${DAY} ${time} JupyterHub ${module}] ${msg}`);
  }

  /** The culler 1.x prefix: two-digit year, whole seconds, no logger name. */
  culler(time: string, line: number, msg: string): number {
    return this.raw(`[I ${CULLER_DAY} ${time.slice(0, 8)} __init__:${line}] ${msg}`);
  }

  /** The access line: `{status} {method} {uri} ({user}@{ip}) {ms}ms`, level by status. */
  access(time: string, status: number, method: string, uri: string, user: string, ip: string, ms = 3.21): number {
    const level = status >= 500 ? 'E' : status >= 400 ? 'W' : 'I';
    return this.hub(time, level, 'log:192', `${status} ${method} ${uri} (${user}@${ip}) ${ms.toFixed(2)}ms`);
  }

  /** z2jh pod start: `Loading …values.yaml`, version line, culler service argv (null: not logged). */
  start(time: string, argv: string[] | null = CULLER_ARGV): number {
    this.raw('Loading /usr/local/etc/jupyterhub/secret/values.yaml');
    const line = this.hub(time, 'I', 'app:2886', 'Running JupyterHub version 4.1.5');
    this.hub(time, 'I', 'app:2917', 'Using Authenticator: oauthenticator.google.GoogleOAuthenticator-16.3.0');
    if (argv) {
      this.hub(time, 'I', 'app:3215', 'Starting managed service jupyterhub-idle-culler');
      this.hub(time, 'I', 'service:386', `Starting service 'jupyterhub-idle-culler': [${argv.map((a) => `'${a}'`).join(', ')}]`);
    }
    this.hub(time, 'I', 'app:3274', 'JupyterHub is now running, internal Hub API at http://hub:8081/hub/');
    return line;
  }

  /** One culler cycle as the hub sees it: version probe and the two user listings. */
  cullerCycle(time: string, status = 200): number {
    this.access(time, 200, 'GET', '/hub/api/', 'jupyterhub-idle-culler', '::1', 1.42);
    return this.access(time, status, 'GET', '/hub/api/users?state=[secret]', 'jupyterhub-idle-culler', '::1', 21.77);
  }

  /**
   * The culler deletes a user: `Culling user` (whole seconds, `cullerAt` may be an earlier second than
   * the hub line), `Deleting pvc`, and the hub's `204 DELETE /hub/api/users/<name>`. Returns the DELETE line.
   */
  cullUser(time: string, name: string, opts: { inactive?: string; cullerAt?: string | null; pvc?: boolean; actor?: string } = {}): number {
    if (opts.cullerAt !== null) this.culler(opts.cullerAt ?? time, 371, `Culling user ${name} (inactive for ${opts.inactive ?? '1:13:59.512345'})`);
    if (opts.pvc !== false) this.hub(time, 'I', 'spawner:2881', `Deleting pvc claim-${name}`);
    return this.access(time, 204, 'DELETE', `/hub/api/users/${name}`, opts.actor ?? 'jupyterhub-idle-culler', '::1', 85.12);
  }

  /** A person deletes a user from the admin page. */
  adminDelete(time: string, name: string, admin = 'admin-alice'): number {
    return this.access(time, 204, 'DELETE', `/hub/api/users/${name}`, admin, '10.0.3.21', 40.12);
  }

  /** `User 'x' not allowed.` (OAuthenticator 16: no allow rule matched). */
  notAllowed(time: string, name: string): number {
    return this.hub(time, 'W', 'auth:534', `User '${name}' not allowed.`);
  }

  /** tornado's warning and the anonymous access line of a refused OAuth callback. Returns the access line. */
  oauth403(time: string, ip = '10.0.2.15', ms = 311.4): number {
    this.hub(time, 'W', 'web:1873', `403 GET /hub/oauth_callback?${OAUTH_RAW_QUERY} (${ip}): ${FORBIDDEN}`);
    return this.access(time, 403, 'GET', `/hub/oauth_callback?${OAUTH_QUERY}`, '', ip, ms);
  }

  /** A whole refused OAuth login: not allowed → Failed login for unknown user → 403. */
  refusedOAuth(time: string, name: string, ip = '10.0.2.15'): number {
    this.hub(time, 'I', 'oauth2:99', 'OAuth redirect: https://hub.example.org/hub/oauth_callback');
    this.notAllowed(time, name);
    this.hub(time, 'W', 'base:943', 'Failed login for unknown user');
    return this.oauth403(time, ip);
  }

  /** A successful OAuth login; the 4.1.5 callback line names the user. */
  loginOAuth(time: string, name: string, ip = '10.0.2.15'): number {
    const line = this.hub(time, 'I', 'base:937', `User logged in: ${name}`);
    this.access(time, 302, 'GET', `/hub/oauth_callback?${OAUTH_QUERY} -> /hub/`, name, ip, 412.7);
    return line;
  }

  /** JupyterHub 3.0 form login (samples/real): success is a 302 that names the user. */
  loginForm(time: string, name: string): number {
    const line = this.hub(time, 'I', 'base:810', `User logged in: ${name}`);
    this.access(time, 302, 'POST', '/hub/login?next=%2Fhub%2Fhome -> /hub/home', name, '127.0.0.1', 54.58);
    return line;
  }

  /** A refused form login is answered 200 with the login page again. */
  refusedForm(time: string, name: string): number {
    this.hub(time, 'W', 'auth:532', `User '${name}' not allowed.`);
    this.hub(time, 'W', 'base:816', `Failed login for ${name}`);
    return this.access(time, 200, 'POST', '/hub/login?next=%2Fhub%2Fhome', '', '127.0.0.1', 6.89);
  }

  /** A wrong password: the authenticator returns nothing, so there is no `not allowed` line. */
  wrongPassword(time: string, name: string): number {
    this.hub(time, 'W', 'base:816', `Failed login for ${name}`);
    return this.access(time, 200, 'POST', '/hub/login?next=%2Fhub%2Fhome', '', '127.0.0.1', 4.07);
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}
