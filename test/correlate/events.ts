// Composes the events the parsers would emit for a hub log, without the parsers: correlator tests
// then say exactly what happened (`e.culled('10:22:00', 'alice')`, `e.refusedOAuth('13:40:02', 'alice')`)
// and stay independent of line formats. Times are `HH:MM:SS[.mmm]` on one day, UTC; each event is
// the next line of `hub.log`.
import type { AccessFields, EventBase, HubEvent, RefusalReason } from '../../src/core/model/events.js';

export const DAY = '2025-05-14';
export const SOURCE = 'hub.log';
export const CULLER = 'jupyterhub-idle-culler';

/** `HH:MM:SS[.mmm]` on the day, as the report writes it. */
export const at = (time: string): string => `${DAY}T${time.length === 8 ? time + '.000' : time}Z`;

/** One kind of event without the fields every event has. */
type KindFields = HubEvent extends infer E ? (E extends unknown ? Omit<E, keyof EventBase> : never) : never;

export class Events {
  readonly list: HubEvent[] = [];

  /** The event at 1-based line `n`. */
  line(n: number): HubEvent {
    return this.list[n - 1];
  }

  private add(time: string, fields: KindFields, text: string, shape: HubEvent['shape'] = 'jupyterhub'): number {
    const t = Date.parse(at(time));
    const line = this.list.length + 1;
    this.list.push({ source: SOURCE, line, lines: 1, t, lt: t, shape, envelope: 'plain', raw: `[${time}] ${text}`, text, ...fields });
    return line;
  }

  /** An access line; `user` null for `(@ip)`. */
  access(time: string, status: number, method: string, path: string, user: string | null, o: Partial<AccessFields> = {}): number {
    const f: AccessFields = { status, method, path, query: null, user, ip: '10.0.2.15', durationMs: 5, location: null, ...o };
    return this.add(time, { kind: 'access', ...f }, `${status} ${method} ${path} (${user ?? ''}@${f.ip}) ${f.durationMs}ms`);
  }

  /** The hub's `204 DELETE /hub/api/users/<name>` sent by `actor`. */
  deleted(time: string, target: string, actor: string | null): number {
    const f: AccessFields = { status: 204, method: 'DELETE', path: `/hub/api/users/${target}`, query: null, user: actor, ip: '::1', durationMs: 80, location: null };
    return this.add(time, { kind: 'user-deleted', target, actor, ...f }, `204 DELETE /hub/api/users/${target} (${actor ?? ''}@::1) 80ms`);
  }

  /** The culler's `Culling user <name>` and the hub's DELETE from the culler; returns the DELETE line. */
  culled(time: string, user: string, inactive = '1:13:59.512345'): number {
    this.add(time, { kind: 'culler-culled-user', user, inactive, age: null }, `Culling user ${user} (inactive for ${inactive})`, 'idle-culler');
    return this.deleted(time, user, CULLER);
  }

  volumeDeleted(time: string, user: string): number {
    return this.add(time, { kind: 'pvc-deleted', pvc: `claim-${user}`, user }, `Deleting pvc claim-${user}`);
  }

  refusal(time: string, user: string, reason: RefusalReason): number {
    return this.add(time, { kind: 'login-refused', reason, user }, `User '${user}' ${reason}.`);
  }

  webError(time: string, status: number, method: string, path: string, message: string): number {
    return this.add(time, { kind: 'http-error', status, method, path, ip: '10.0.2.15', message }, `${status} ${method} ${path} (10.0.2.15): ${message}`);
  }

  /** An OAuth login the authenticator refused (`reason` line, tornado's warning, the anonymous 403). Returns the 403. */
  refusedOAuth(time: string, user: string, reason: RefusalReason = 'not-allowed'): number {
    this.refusal(time, user, reason);
    this.webError(time, 403, 'GET', '/hub/oauth_callback', 'Sorry, you are not currently authorized to use this hub.');
    return this.access(time, 403, 'GET', '/hub/oauth_callback', null);
  }

  /** A form POST that failed tornado's XSRF check. Returns the 403. */
  xsrf(time: string): number {
    this.webError(time, 403, 'POST', '/hub/login', "'_xsrf' argument missing from POST");
    return this.access(time, 403, 'POST', '/hub/login', null);
  }

  /** A line the deployment's config prints at a spawn, naming its user (a profile filter: no prefix, no time). */
  printed(user: string, text = `User ${user} is part of groups `): number {
    const line = this.list.length + 1;
    this.list.push({ source: SOURCE, line, lines: 1, t: NaN, lt: NaN, shape: 'z2jh', envelope: 'plain', raw: text, text, kind: 'message', user });
    return line;
  }

  /** configurable-http-proxy's log of its API's answer (`403 GET /api/routes `). */
  proxyAnswer(time: string, status: number, method: string, path: string): number {
    return this.add(time, { kind: 'message', logger: 'ConfigProxy', status, method, path }, `${status} ${method} ${path} `, 'chp');
  }

  /** The hub's `api_request to proxy failed: HTTP <status>: Forbidden`. */
  proxyRequestFailed(time: string, status = 403): number {
    const detail = "the proxy refused the hub's token";
    return this.add(time, { kind: 'request-refused', reason: 'proxy-api', user: null, via: null, method: null, path: null, status, detail, hint: null }, `api_request to proxy failed: HTTP ${status}: Forbidden`);
  }

  loggedIn(time: string, user: string): number {
    return this.add(time, { kind: 'login-succeeded', user }, `User logged in: ${user}`);
  }

  /** The hub starting the idle culler with this argv (`--cull-users` or not). */
  cullerStart(time: string, cullUsers: boolean, timeoutSeconds = 3600, everySeconds = 600): number {
    const argv = ['python3', '-m', 'jupyterhub_idle_culler', `--timeout=${timeoutSeconds}`, `--cull-every=${everySeconds}`, ...(cullUsers ? ['--cull-users'] : [])];
    const culler = { timeoutSeconds, everySeconds, cullUsers, maxAgeSeconds: null, cullAdminUsers: null, removeNamedServers: false, concurrency: null };
    return this.add(time, { kind: 'service-start', name: CULLER, argv, culler }, `Starting service '${CULLER}': ${JSON.stringify(argv)}`);
  }

  start(time: string, version = '4.1.5'): number {
    return this.add(time, { kind: 'hub-start', version, marker: 'version' }, `Running JupyterHub version ${version}`);
  }
}
