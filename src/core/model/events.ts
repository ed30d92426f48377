// The event model: every input record leaves the parsers as exactly one of these.
// A record is one physical line plus any 4-space continuation lines joined to it, so
// summing `lines` over all events gives the input line count (nothing is dropped). Lines that are
// not log records at all (a pasted shell prompt, a code fence, a blank line) are events too, of
// kind `paste-artifact`, and the tail of a record whose head is not in the input is a `fragment`.

export type Level = 'D' | 'I' | 'W' | 'E' | 'C';

/** Where a record came from and when it happened. */
export interface EventBase {
  /** The input as the user named it (`-` for standard input). */
  source: string;
  /** 1-based physical line of the record's first line within `source`. */
  line: number;
  /** Physical lines this record covers (1 + continuation lines). */
  lines: number;
  /** Epoch milliseconds (UTC), NaN when the record carries no time. The envelope's time wins. */
  t: number;
  /** The time written inside the line itself (NaN when none): identifies a record across exports. */
  lt: number;
  /** Log level letter of the hub/culler/proxy prefix, when there is one. */
  level?: Level;
  /** Which line shape matched (an id of parsers/shapes/index.ts: who wrote the line), or none. */
  shape: Shape;
  /** Which envelope wrapped the line. */
  envelope: EnvelopeKind;
  pod?: string;
  container?: string;
  /** The Kubernetes namespace the envelope names (cloud exports). */
  namespace?: string;
  /** The machine a syslog envelope names. */
  host?: string;
  /** The whole line inside its envelope (prefix included, continuations joined), secrets replaced. */
  raw: string;
  /** The message (after the prefix), secrets replaced by `[secret]`, continuations joined with \n. */
  text: string;
}

/** Which line shape matched: an id of the shape registry (parsers/shapes/index.ts), or `none`. */
export type Shape = string;

/** Which envelope wrapped the line: an id of the envelope registry (parsers/envelopes/index.ts), or `plain`. */
export type EnvelopeKind = string;

export interface AccessFields {
  status: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw (already hub-scrubbed) query string without `?`, or null. */
  query: string | null;
  /** Name in `(user@ip)`; null when empty (anonymous or auth failed). */
  user: string | null;
  ip: string;
  /** Null when the line was cut before it. */
  durationMs: number | null;
  /** Target of a 301/302 (`-> target`), or null. */
  location: string | null;
  /** Present when the line was cut at a screen's edge: the fields hold only what is there. */
  cut?: CutAt;
}

/**
 * Where a request line was cut at a screen's edge (a k9s box): inside the path (the path is a
 * prefix of the real one), inside the query (its last parameter may be cut), or after the URI.
 */
export type CutAt = 'path' | 'query' | 'tail';

export type RefusalReason = 'not-allowed' | 'blocked' | 'invalid-name' | 'unverified-email' | 'domain' | 'not-in-group';

/**
 * What a reason line says refused a request (other than a login): missing scopes, no credentials
 * at all, a failed XSRF or cross-origin check, an OAuth state that does not match, no access to
 * a server or service, a token the hub no longer knows (also a server's activity report), the
 * proxy refusing the hub, the idle culler's own request refused, a bare `Forbidden`.
 */
export type RequestReason =
  | 'scope' | 'no-credentials' | 'xsrf' | 'cross-origin' | 'oauth-state' | 'server-access' | 'token' | 'activity'
  | 'service-api' | 'proxy-api' | 'culler' | 'forbidden';

/** A user a line leads to without naming them: the `next=` URL, or the `next_url` of an OAuth state. */
export interface NameHint {
  user: string;
  via: 'next' | 'state';
}

export type HubEvent = EventBase &
  (
    | ({ kind: 'access' } & AccessFields)
    /** `DELETE /hub/api/users/<name>` answered 2xx: the user row is gone. */
    | ({ kind: 'user-deleted'; target: string; actor: string | null } & AccessFields)
    | { kind: 'login-refused'; reason: RefusalReason; user: string }
    /**
     * `Failed login for <name>` (user null for `unknown user`), and the authenticators' own password
     * failures (PAM, LDAP). The name is null where a person pasted a placeholder for it.
     */
    | { kind: 'login-failed'; user: string | null }
    /**
     * A reason line of a refused request that is not a login: `user` is whom the line names (in its
     * text, a `<User(…)>` repr or a path it quotes) and `via` how; `method`, `path`, `status` the
     * request when the line says it; `detail` what was missing or wrong, in the log's words.
     */
    | {
      kind: 'request-refused'; reason: RequestReason; user: string | null; via: 'message' | 'repr' | 'path' | null;
      method: string | null; path: string | null; status: number | null; detail: string | null; hint: NameHint | null;
    }
    | { kind: 'login-succeeded'; user: string }
    | { kind: 'logout'; user: string }
    /** `Adding role user for User: <name>`: a user row was (re)created. */
    | { kind: 'user-added'; user: string }
    | { kind: 'invalid-cookie' }
    | { kind: 'culler-culled-server'; user: string; server: string | null; inactive: string | null; age: string | null }
    | { kind: 'culler-culled-user'; user: string; inactive: string | null; age: string | null }
    /** A literal `Deleting user <name>` (old or custom cullers). */
    | { kind: 'deleting-user'; user: string }
    /** `Deleting pvc <claim>`; user from KubeSpawner's claim name (`claim-<escaped name>`), null when it cannot be undone. */
    | { kind: 'pvc-deleted'; pvc: string; user: string | null }
    /** `Deleting pod <ns>/<pod>`; user from KubeSpawner's pod name (`jupyter-<escaped name>`). */
    | { kind: 'pod-deleted'; podName: string; user: string | null }
    | { kind: 'proxy-route-removed'; route: string; user: string | null }
    /** tornado `web:N` line: `<status> <METHOD> <uri> (<ip>): <message>` (uri secrets scrubbed). */
    | { kind: 'http-error'; status: number; method: string; path: string; ip: string; message: string; hint?: NameHint; cut?: CutAt }
    /** `Running JupyterHub version X` (version set) or z2jh `Loading …/values.yaml` (version null). */
    | { kind: 'hub-start'; version: string | null; marker: 'version' | 'z2jh-config' }
    | { kind: 'hub-shutdown'; signal: string | null }
    /** A start line naming the hub's authenticator (`Using Authenticator: oauthenticator.github.GitHubOAuthenticator-16.3.0`): part of which hub it is. */
    | { kind: 'hub-authenticator'; className: string; version: string | null }
    /** `Starting service 'name': [argv]` / `Spawning …`; culler options when the argv runs the idle culler. */
    | { kind: 'service-start'; name: string | null; argv: string[] | null; culler: CullerOptions | null }
    /** KubeSpawner's reflector lost its watch and retries after `retrySeconds`. */
    | { kind: 'reflector-retry'; retrySeconds: number }
    /** KubeSpawner's reflector gave up (`Watching resources never recovered`): no pod changes are seen until the hub restarts. */
    | { kind: 'reflector-stopped' }
    /** KubeSpawner waited for a pod its reflector never saw (`Pod … never showed up in reflector`). */
    | { kind: 'pod-missing'; podName: string; user: string | null }
    /**
     * A spawn that failed: the spawn progress page's `Spawn failed: <reason>` (the pod and user when
     * the reason names the pod), or the hub's own words for it (`failure`: what kind of failure;
     * `exitCode` when the server process exited).
     */
    | { kind: 'spawn-failed'; reason: string; podName: string | null; user: string | null; failure?: SpawnFailure; exitCode?: number | null }
    /** A spawn asked for: KubeSpawner's `Attempting to create pod <pod>`. */
    | { kind: 'spawn-requested'; user: string | null; podName: string | null }
    /** `User <name> is slow to start (timeout=<s>)`: the spawn goes on in the background. */
    | { kind: 'spawn-slow'; user: string; server: string | null }
    /** `User <name> took <s> seconds to start`: the server is up. */
    | { kind: 'server-started'; user: string; server: string | null; seconds: number }
    /** `User <name> server took <s> seconds to stop`. */
    | { kind: 'server-stopped'; user: string; server: string | null; seconds: number }
    /** `User <name>:<server> server is slow to stop (timeout=<s>)`: the stop is pending. */
    | { kind: 'stop-slow'; user: string; server: string | null }
    /** `User <name> server stopped, with exit code: <status>`: the hub found the server gone (`exitCode` null when `unknown`). */
    | { kind: 'server-exited'; user: string; exitCode: number | null }
    /** `Adding missing route for <name> (<server>)`: the proxy had lost the route to a running server. */
    | { kind: 'route-restored'; user: string | null; route: string }
    /**
     * A Kubernetes Event (`kubectl get events -o json`, `--watch`, `kubectl events`): `object` is
     * `<Kind>/<name>` of what it is about; `podName` and `user` when that is a KubeSpawner pod.
     */
    | {
      kind: 'k8s-event'; eventType: string | null; reason: string; object: string;
      podName: string | null; user: string | null; message: string; count: number | null;
    }
    /** A Kubernetes event of the user's pod as the spawn progress page lists it (`<time> [Warning] <message>`). */
    | { kind: 'pod-event'; eventType: 'Normal' | 'Warning'; message: string }
    /**
     * Any other record of a known shape: read, not interpreted. `user`: the user a request's handler
     * names in a line it prints before it may refuse the request (a profile filter's print).
     * `status`, `method`, `path`: the request a line of configurable-http-proxy's API log answers
     * (`403 GET /api/routes `), when it refused it.
     */
    | { kind: 'message'; logger?: string; module?: string; user?: string; status?: number; method?: string; path?: string }
    /** Not a log record: what a paste carries around the lines (parsers/artifacts/). */
    | { kind: 'paste-artifact'; artifact: ArtifactKind }
    /** Continuation lines whose record began before the input did (a paste that starts inside a traceback). */
    | { kind: 'fragment' }
    | { kind: 'unparsed' }
  );

/** Which kind of paste artefact: an id of the artefact registry (parsers/artifacts/index.ts). */
export type ArtifactKind = string;

export type HubEventKind = HubEvent['kind'];

/**
 * What kind of spawn failure: `timeout` (start_timeout), `no-response` (the server never answered
 * http_timeout), `exited` (its process ended), `proxy` (its route could not be added), `error`.
 */
export type SpawnFailure = 'timeout' | 'no-response' | 'exited' | 'proxy' | 'error';

export interface CullerOptions {
  timeoutSeconds: number | null;
  everySeconds: number | null;
  cullUsers: boolean;
  maxAgeSeconds: number | null;
  cullAdminUsers: boolean | null;
  removeNamedServers: boolean;
  concurrency: number | null;
}

export const EVENT_KINDS: readonly HubEventKind[] = [
  'access', 'user-deleted', 'login-refused', 'login-failed', 'login-succeeded', 'logout', 'user-added',
  'invalid-cookie', 'culler-culled-server', 'culler-culled-user', 'deleting-user', 'pvc-deleted',
  'pod-deleted', 'proxy-route-removed', 'http-error', 'request-refused', 'hub-start', 'hub-shutdown', 'hub-authenticator', 'service-start',
  'reflector-retry', 'reflector-stopped', 'pod-missing', 'spawn-failed', 'spawn-requested', 'spawn-slow', 'server-started',
  'server-stopped', 'stop-slow', 'server-exited', 'route-restored', 'k8s-event', 'pod-event', 'message', 'paste-artifact', 'fragment', 'unparsed',
];
