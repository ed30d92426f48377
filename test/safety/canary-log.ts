// A hub log that carries one secret of every shape hubsleuth must scrub, in every envelope it reads.
// Each shape belongs to its own culled user, so that its lines are an incident's evidence and reach
// every report format: a URL-shaped secret rides in the refused request (and so in the first line
// of the evidence that Markdown quotes), every other shape in continuation lines of the culler's
// `Deleting user` line. Every secret value contains SEKRIT, which nothing else in the log does.
import { wrap } from '../../bench/lib/envelope.js';

export const CANARY = 'SEKRIT';

export interface SecretShape {
  name: string;
  /**
   * A request URI carrying the secret (the refused request of the incident); `{user}` is the
   * incident's user. With `anonymous`, the access line names nobody: the user is read from the URI,
   * decoded, and what decoding shows must not come out either.
   */
  url?: string;
  anonymous?: boolean;
  /**
   * The `next_url` of a base64 OAuth state in tornado's warning of an anonymous refused callback:
   * the secret is visible only once the state is decoded (to find the user).
   */
  stateNext?: string;
  /** Lines that carry the secret as text (continuations of the culler's line). */
  text?: string[];
}

export const SHAPES: SecretShape[] = [
  { name: 'state in next=, encoded once', url: '/hub/login?next=%2Fhub%2Fapi%2Foauth2%2Fauthorize%3Fclient_id%3Djupyterhub-user-x%26state%3DSEKRIT01%26response_type%3Dcode' },
  { name: 'code and state in next=, encoded twice', url: '/hub/login?next=%252Fhub%252Fapi%252Foauth2%252Fauthorize%253Fcode%253DSEKRIT02a%2526state%253DSEKRIT02b' },
  { name: 'token in next=', url: '/hub/login?next=%2Fuser%2Fx%2Flab%3Ftoken%3DSEKRIT03' },
  { name: 'fragment code and access_token', url: '/hub/oauth_callback#code=SEKRIT04a&access_token=SEKRIT04b' },
  { name: 'CAS ticket', url: '/hub/login?ticket=ST-1-SEKRIT05' },
  { name: 'session_id', url: '/hub/api/sessions?session_id=SEKRIT06' },
  { name: 'user:pw@ in a URL, plain and encoded', url: '/hub/login?next=https://proxyuser:SEKRIT07a@proxy.example.org/&x=https%3A%2F%2Fproxyuser%3ASEKRIT07b%40proxy.example.org%2F' },
  { name: 'signed-URL signatures', url: '/hub/static/x.js?X-Amz-Signature=SEKRIT08a&X-Amz-Credential=AKIA%2FSEKRIT08b&Signature=SEKRIT08c&sig=SEKRIT08d' },
  { name: 'cookie header dump', text: ['Cookie: weird-name=SEKRIT09a; jupyterhub-session-id=SEKRIT09b', 'Set-Cookie: anything=SEKRIT09c; Path=/hub/; HttpOnly'] },
  { name: 'cookie in a JSON header dump', text: ['{', '  "Host": "hub.example.org",', '  "Cookie": "a=SEKRIT10a; c=SEKRIT10b"', '}'] },
  { name: "tornado's bytes repr of form data", text: ["{'username': [b'formuser'], 'password': [b'SEKRIT11a'], '_xsrf': [b'2|ab12|SEKRIT11b|1715000000']}"] },
  { name: 'bare JWT', text: ['claims from eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SEKRIT12sig'] },
  { name: 'private key blob', text: ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpSEKRIT13AIBAAKCAQEA', '-----END RSA PRIVATE KEY-----'] },
  { name: 'postgresql:// password', text: ['db_url postgresql://jhub:SEKRIT14@db.example.org:5432/jupyterhub'] },
  { name: 'refresh/access/api tokens', text: ['refresh_token SEKRIT15a', 'access_token SEKRIT15b', "api_token='SEKRIT15c'"] },
  { name: "token in a twice-encoded next= that names the user", url: '/hub/login?next=%252Fuser%252F{user}%252Flab%253Ftoken%253DSEKRIT16', anonymous: true },
  { name: "token in a base64 OAuth state's next_url that names the user", stateNext: '/hub/user/{user}/lab?token=SEKRIT17&next=%2Fuser%2F{user}%2F%3Fsecret%3DSEKRIT17b' },
];

/** An OAuth state as OAuthenticator up to 16.0 writes it: base64url JSON, no padding. */
const oauthState = (nextUrl: string) => Buffer.from(JSON.stringify({ uuid: '6f1c0b2e9a4d4e0f8b3a', next_url: nextUrl })).toString('base64url');

export const ENVELOPE_NAMES = ['plain', 'kubectl-timestamps', 'cri', 'docker-json', 'loki', 'fluent-bit', 'cloud-logging'] as const;
export type CanaryEnvelope = (typeof ENVELOPE_NAMES)[number];

const pad = (n: number) => String(n).padStart(2, '0');

function hubTime(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

function cullerTime(t: number): string {
  const d = new Date(t);
  return `${String(d.getUTCFullYear()).slice(2)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${d.toISOString().slice(11, 19)}`;
}

/** The user whose incident carries shape k in envelope e. */
export const userOf = (e: number, k: number) => `canary${e}x${pad(k)}`;

/** Container lines (with their times) of one envelope's part of the log. */
export function containerLines(e: number): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const start = Date.UTC(2025, 4, 14) + e * 3 * 3_600_000;
  out.push([start, `[I ${hubTime(start)} JupyterHub service:386] Starting service 'jupyterhub-idle-culler': ['python3', '-m', 'jupyterhub_idle_culler', '--url=http://localhost:8081/hub/api', '--timeout=3600', '--cull-every=600', '--cull-users']`]);
  SHAPES.forEach((shape, k) => {
    const user = userOf(e, k);
    const ip = `10.0.${e + 1}.${k + 10}`;
    const t = start + 60_000 + k * 600_000;
    if (shape.text) {
      out.push([t, `[I ${cullerTime(t)} __init__:380] Deleting user ${user}`]);
      for (const l of shape.text) out.push([t, `    ${l}`]);
    } else {
      out.push([t, `[I ${cullerTime(t)} __init__:371] Culling user ${user} (inactive for 1:13:59.512345)`]);
    }
    out.push([t + 1000, `[I ${hubTime(t + 1000)} JupyterHub log:192] 204 DELETE /hub/api/users/${user} (jupyterhub-idle-culler@::1) 85.12ms`]);
    if (shape.stateNext) {
      const state = oauthState(shape.stateNext.replaceAll('{user}', user));
      out.push([t + 299_999, `[W ${hubTime(t + 299_999)} JupyterHub web:1873] 403 GET /hub/oauth_callback?code=c0de&state=${state} (${ip}): Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.`]);
      out.push([t + 300_000, `[W ${hubTime(t + 300_000)} JupyterHub log:192] 403 GET /hub/oauth_callback?code=[secret]&state=[secret] (@${ip}) 3.00ms`]);
      return;
    }
    const url = (shape.url ?? `/hub/user/${user}/`).replaceAll('{user}', user);
    out.push([t + 300_000, `[W ${hubTime(t + 300_000)} JupyterHub log:192] 403 GET ${url} (${shape.anonymous ? '' : user}@${ip}) 3.00ms`]);
  });
  return out;
}

function cloudLogging(line: string, t: number): string {
  return JSON.stringify({
    insertId: `c${t}`, textPayload: line + '\n', timestamp: new Date(t).toISOString(), receiveTimestamp: new Date(t + 500).toISOString(),
    resource: { type: 'k8s_container', labels: { pod_name: 'hub-7c9d5b8f4-x2k9q', container_name: 'hub', namespace_name: 'jhub' } },
    logName: 'projects/p/logs/stderr',
  });
}

/** The log of envelope e as written by that collector. */
export function canaryLog(e: number): string {
  const env = ENVELOPE_NAMES[e];
  const lines: string[] = [];
  for (const [t, l] of containerLines(e)) {
    if (env === 'cloud-logging') lines.push(cloudLogging(l, t));
    else lines.push(...wrap(env, l, 'stderr', BigInt(t) * 1_000_000n));
  }
  return lines.join('\n') + '\n';
}
