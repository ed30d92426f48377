// A real JupyterHub (Debian's 3.0.0 + configurable-http-proxy) on loopback, for end-to-end tests.
//
// Reusable on purpose: the e2e scenarios, and tests of `check-db` (read the sqlite file after
// users were deleted) and `check-hub` (talk to the REST API) all start hubs through `startHub`.
//
//   const hub = await startHub({ allowedUsers: ['alice', 'bob'] });
//   try { ...fetch(hub.apiUrl + '/users', { headers: { Authorization: `token ${hub.adminToken}` } })... }
//   finally { await hub.stop(); }
//
// Guarantees:
// - Binds 127.0.0.1 only: public proxy, proxy API and hub API each on a free port.
// - Everything lives in a fresh temp dir (config, sqlite DB, cookie secret, log, culler record).
//   `restart()` reuses dir, DB, cookie secret and ports, like a hub pod with a persistent volume.
// - The log file receives the hub's combined stdout+stderr, which includes the proxy's and the
//   culler service's output, and restarts APPEND to it, so one file holds before and after (as an
//   archive would; `kubectl logs` of a single pod would not).
// - Every process started here carries HUBSLEUTH_E2E_RUN=<id> in its environment. stop() asks the
//   hub to shut down (SIGTERM), then kills, by pid, any process still carrying that id. The proxy
//   and managed services run in their own sessions, so a process-group kill would miss them.
//   A process 'exit'/SIGINT/SIGTERM hook does the same sweep if the test runner dies with hubs up,
//   and the hub itself watches the runner's pid and shuts down if it vanishes (SIGKILL, OOM).
// - Bounded waits everywhere: a hub that is not answering within `startTimeoutMs` is killed and
//   startHub rejects with the tail of its log.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CullerConfig {
  /** `--timeout`: seconds of inactivity before a server/user is culled. */
  timeout: number;
  /** `--cull-every`: seconds between cull cycles. */
  every: number;
  /** Pass bare `--cull-users` (the incident's precondition). Default true. */
  cullUsers?: boolean;
  /** `--concurrency`. Default 10 (the chart's default). */
  concurrency?: number;
  /** Appended verbatim to the argv, e.g. `['--cull-admin-users=false']`. */
  extraArgs?: string[];
  /** Python module run as `python3 -m <module>`. Default: the stand-in, named like the real culler. */
  module?: string;
}

export interface HubOptions {
  /** `Authenticator.allowed_users`. */
  allowedUsers: string[];
  /** `Authenticator.admin_users`; the first one owns `adminToken`. Default `['admin']`; `[]` for none. */
  adminUsers?: string[];
  /** `form`: DummyAuthenticator with `password` (refused login = 200 + login page).
   *  `oauth`: a minimal OAuthenticator look-alike with `/hub/oauth_login` and `/hub/oauth_callback`
   *  (refused login = 403 from the callback). Default `form`. */
  auth?: 'form' | 'oauth';
  /** DummyAuthenticator password. Default `e2e-password`. */
  password?: string;
  /** The idle culler managed service, started with the z2jh chart's argv shape; `false` for none.
   *  Default `{ timeout: 15, every: 5, cullUsers: true }`. */
  culler?: CullerConfig | false;
  /** `JupyterHub.activity_resolution` in seconds. Default 1 (JupyterHub's default is 30, too
   *  coarse for second-scale culler timeouts). */
  activityResolution?: number;
  /** `JupyterHub.log_level`. Default `INFO`, as z2jh runs it. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARNING';
  /** Python appended to the generated config (runs with `c` and `P` = the params in scope). */
  extraConfig?: string;
  /** Use this directory instead of a fresh temp dir (it must exist). */
  dir?: string;
  /** Remove the temp dir on stop(). Default false: failed runs stay inspectable. */
  removeDirOnStop?: boolean;
  /** Max wait for the hub to answer on its public URL. Default 60 s. */
  startTimeoutMs?: number;
  /** Max wait for an orderly shutdown before SIGKILL. Default 20 s. */
  stopTimeoutMs?: number;
  /** Extra environment for the hub process. */
  env?: Record<string, string>;
}

export interface HubRun {
  /** When start() was called and when the hub first answered (ISO, UTC). */
  startedAt: string;
  readyAt: string;
  stoppedAt: string | null;
}

export interface Hub {
  /** Public URL through the proxy, with trailing slash: `http://127.0.0.1:<port>/`. */
  hubUrl: string;
  /** REST API through the proxy: `http://127.0.0.1:<port>/hub/api` (no trailing slash). */
  apiUrl: string;
  /** The hub's own API address, as a managed service sees it (bypasses the proxy). */
  hubApiUrl: string;
  /** User API token of the first admin user (`Authorization: token <adminToken>`). Empty string
   *  when there is no admin. It dies with the admin user if the culler deletes them. */
  adminToken: string;
  dir: string;
  dbPath: string;
  configPath: string;
  logPath: string;
  /** JSON lines, one per DELETE the stand-in culler made: {action,user,status,inactive,at}. */
  cullerRecordPath: string;
  ports: { proxy: number; proxyApi: number; hub: number };
  /** One entry per start, in order. */
  runs: HubRun[];
  running(): boolean;
  /** Stop (orderly) and start again with the same dir, DB, ports and config; log appended. */
  restart(): Promise<void>;
  /** Idempotent. Never rejects. */
  stop(): Promise<void>;
}

export interface HubInstall {
  jupyterhub: string;
  proxy: string;
  version: string;
}

/** Where the harness's Python packages live (source tree, not dist/: tsc does not copy .py). */
export function pythonDir(): string {
  return join(repoRoot(), 'test', 'e2e', 'harness', 'py');
}

export function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'hubsleuth') return d;
      } catch {
        /* keep walking */
      }
    }
    d = dirname(d);
  }
  throw new Error('hubsleuth repo root not found above ' + fileURLToPath(import.meta.url));
}

/** The installed hub and proxy, or a reason why not (for skip messages). */
export function findJupyterHub(): HubInstall | { missing: string } {
  const which = (cmd: string): string | null => {
    const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8', timeout: 5000 });
    return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
  };
  const jupyterhub = process.env.HUBSLEUTH_JUPYTERHUB ?? which('jupyterhub');
  if (!jupyterhub) return { missing: 'jupyterhub is not on PATH (Debian: apt-get install jupyterhub)' };
  const proxy = which('configurable-http-proxy');
  if (!proxy) return { missing: 'configurable-http-proxy is not on PATH (Debian: apt-get install jupyterhub)' };
  const v = spawnSync(jupyterhub, ['--version'], { encoding: 'utf8', timeout: 30000 });
  if (v.status !== 0) return { missing: `${jupyterhub} --version failed: ${(v.stderr || '').trim().slice(-300)}` };
  const p = spawnSync(proxy, ['--version'], { encoding: 'utf8', timeout: 15000, env: proxyEnv(process.env) });
  if (p.status !== 0) return { missing: `${proxy} --version failed: ${(p.stderr || '').trim().slice(-300)}` };
  return { jupyterhub, proxy, version: v.stdout.trim() };
}

function proxyEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // Debian's configurable-http-proxy finds its modules only through NODE_PATH when the node on
  // PATH is not Debian's own (nodesource here).
  const np = env.NODE_PATH ? `${env.NODE_PATH}:/usr/share/nodejs` : '/usr/share/nodejs';
  return { ...env, NODE_PATH: np };
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let i = 0; ports.size < n && i < 50; i++) ports.add(await freePort());
  if (ports.size < n) throw new Error('could not find free loopback ports');
  return [...ports];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- process bookkeeping ------------------------------------------------------------------

const liveRunIds = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const id of liveRunIds) killTagged(id, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const id of liveRunIds) killTagged(id, 'SIGKILL');
      process.kill(process.pid, sig);
    });
  }
}

/** Pids of this user's processes whose environment carries HUBSLEUTH_E2E_RUN=<runId>. */
export function taggedPids(runId: string): number[] {
  const needle = Buffer.from(`HUBSLEUTH_E2E_RUN=${runId}\0`);
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${e}/environ`).includes(needle)) out.push(pid);
    } catch {
      /* gone, or not ours */
    }
  }
  return out;
}

function killTagged(runId: string, signal: NodeJS.Signals): number {
  let n = 0;
  for (const pid of taggedPids(runId)) {
    try {
      process.kill(pid, signal);
      n++;
    } catch {
      /* already gone */
    }
  }
  return n;
}

function readFrom(path: string, offset: number): string {
  try {
    return readFileSync(path).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// --- the hub --------------------------------------------------------------------------------

export async function startHub(opts: HubOptions): Promise<Hub> {
  const install = findJupyterHub();
  if ('missing' in install) throw new Error(install.missing);
  const jupyterhubBin = install.jupyterhub;
  installExitHook();

  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'hubsleuth-e2e-'));
  const [proxyPort, proxyApiPort, hubPort] = await distinctFreePorts(3);
  const adminUsers = opts.adminUsers ?? ['admin'];
  const adminToken = adminUsers.length ? randomBytes(16).toString('hex') : '';
  const culler: CullerConfig | false = opts.culler === undefined ? { timeout: 15, every: 5 } : opts.culler;
  const dbPath = join(dir, 'jupyterhub.sqlite');
  const logPath = join(dir, 'hub.log');
  const cullerRecordPath = join(dir, 'culler-record.jsonl');
  const configPath = join(dir, 'jupyterhub_config.py');
  const runId = randomBytes(8).toString('hex');

  const params = {
    dir,
    dbPath,
    proxyPort,
    proxyApiPort,
    hubPort,
    proxyToken: randomBytes(16).toString('hex'),
    allowedUsers: opts.allowedUsers,
    adminUsers,
    adminToken,
    auth: opts.auth ?? 'form',
    password: opts.password ?? 'e2e-password',
    activityResolution: opts.activityResolution ?? 1,
    logLevel: opts.logLevel ?? 'INFO',
    pythonPath: pythonDir(),
    cullerRecordPath,
    runId,
    parentPid: process.pid,
    culler: culler && {
      timeout: culler.timeout,
      every: culler.every,
      cullUsers: culler.cullUsers ?? true,
      concurrency: culler.concurrency ?? 10,
      extraArgs: culler.extraArgs ?? [],
      module: culler.module ?? 'jupyterhub_idle_culler',
    },
    extraConfig: opts.extraConfig ?? '',
  };
  const body = readFileSync(join(pythonDir(), 'hubsleuth_e2e', 'hub_config.py'), 'utf8');
  // JSON is not Python (true/false/null), so go through json.loads; the raw string keeps
  // backslashes intact and the params never contain triple quotes.
  writeFileSync(
    configPath,
    `# Generated by hubsleuth test/e2e/harness/hub.ts\nimport json\nPARAMS = json.loads(r'''${JSON.stringify(params)}''')\n\n` +
      body,
  );

  const env: NodeJS.ProcessEnv = proxyEnv({
    ...process.env,
    ...opts.env,
    TZ: 'UTC', // z2jh hub containers run in UTC; hubsleuth reads zone-less times as UTC
    PYTHONPATH: [pythonDir(), process.env.PYTHONPATH].filter(Boolean).join(':'),
    PYTHONUNBUFFERED: '1',
    HUBSLEUTH_E2E_RUN: runId,
  });
  delete env.JUPYTERHUB_API_TOKEN;
  delete env.CONFIGPROXY_AUTH_TOKEN;

  const hubUrl = `http://127.0.0.1:${proxyPort}/`;
  const runs: HubRun[] = [];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 20_000;

  async function start(): Promise<void> {
    const startedAt = new Date().toISOString();
    const logOffset = existsSync(logPath) ? statSync(logPath).size : 0;
    const fd = openSync(logPath, 'a');
    try {
      child = spawn(jupyterhubBin, ['-f', configPath], {
        cwd: dir,
        env,
        detached: true, // own process group: a Ctrl-C in the terminal reaches us, not the hub
        stdio: ['ignore', fd, fd], // one fd for both streams keeps their interleaving
      });
    } finally {
      closeSync(fd);
    }
    liveRunIds.add(runId);
    const c = child;
    exited = new Promise((res) => c.once('exit', () => res()));
    // Readiness comes from the hub's own log line, not from polling: polling the proxy before the
    // hub route exists puts 404s and ECONNREFUSED dumps into the very log we are capturing.
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (c.exitCode !== null || c.signalCode !== null) {
        throw new Error(`jupyterhub exited (${c.exitCode ?? c.signalCode}) during start; log tail:\n${tail(logPath)}`);
      }
      if (readFrom(logPath, logOffset).includes('JupyterHub is now running at')) {
        runs.push({ startedAt, readyAt: new Date().toISOString(), stoppedAt: null });
        return;
      }
      await sleep(100);
    }
    await stopProcesses();
    throw new Error(`jupyterhub not running after ${startTimeoutMs} ms; log tail:\n${tail(logPath)}`);
  }

  async function stopProcesses(): Promise<void> {
    const c = child;
    if (c && c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(c.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      const timedOut = await Promise.race([exited.then(() => false), sleep(stopTimeoutMs).then(() => true)]);
      if (timedOut) {
        try {
          process.kill(-c.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
        await Promise.race([exited, sleep(5000)]);
      }
    }
    // Proxy and services outlive a killed hub (own sessions): sweep by run id, bounded.
    for (let i = 0; i < 20 && killTagged(runId, i < 10 ? 'SIGTERM' : 'SIGKILL') > 0; i++) await sleep(250);
    child = null;
    liveRunIds.delete(runId);
    const last = runs[runs.length - 1];
    if (last && !last.stoppedAt) last.stoppedAt = new Date().toISOString();
  }

  const hub: Hub = {
    hubUrl,
    apiUrl: `${hubUrl}hub/api`,
    hubApiUrl: `http://127.0.0.1:${hubPort}/hub/api`,
    adminToken,
    dir,
    dbPath,
    configPath,
    logPath,
    cullerRecordPath,
    ports: { proxy: proxyPort, proxyApi: proxyApiPort, hub: hubPort },
    runs,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async restart() {
      await stopProcesses();
      await start();
    },
    async stop() {
      try {
        await stopProcesses();
      } catch {
        /* stop never rejects */
      }
      if (opts.removeDirOnStop && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await start();
  } catch (e) {
    await hub.stop();
    throw e;
  }
  return hub;
}

/** Lines of the stand-in culler's record file (empty when it has not deleted anything yet). */
export interface CullerRecord {
  action: 'delete-user' | 'delete-server';
  user: string;
  server?: string | null;
  status: number;
  inactive: string;
  admin?: boolean;
  at: string;
}

export function readCullerRecord(hub: Pick<Hub, 'cullerRecordPath'>): CullerRecord[] {
  if (!existsSync(hub.cullerRecordPath) || statSync(hub.cullerRecordPath).size === 0) return [];
  return readFileSync(hub.cullerRecordPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CullerRecord);
}
