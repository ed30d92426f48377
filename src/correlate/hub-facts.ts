// What each input tells about the hub that wrote it, gathered while the inputs are read: the
// namespaces, hosts and hub pods its envelope (or a node's log file path) names, its culler's settings and authenticator, the users and services its
// lines name, and when its hub process wrote. ./hubs.ts compares inputs by these to tell hubs apart.
import type { CullerOptions, HubEvent } from '../core/model/events.js';
import { CULLER_NAMES } from './culler.js';
import { kubeLogPath } from '../core/kube-log-path.js';
import { envelopeHub } from '../core/hub-name.js';

const MINUTE_MS = 60_000;
// A hub pod's name in every chart: `hub-<replica set>-<pod>`.
const HUB_POD = /^hub-[a-z0-9]+-[a-z0-9]+$/;

export interface InputFacts {
  readonly source: string;
  readonly namespaces: Set<string>;
  readonly hosts: Set<string>;
  readonly hubPods: Set<string>;
  readonly users: Set<string>;
  readonly services: Set<string>;
  /** The culler's settings each start logged (`--cull-users`, `--timeout`, `--cull-every`). */
  readonly cullerSettings: Set<string>;
  /** The authenticator classes its starts name (`Using Authenticator: …`, without the version). */
  readonly authenticators: Set<string>;
  /** The culler was seen deleting users. */
  culledUsers: boolean;
  /** Records of the hub process (the JupyterHub prefix) per minute of log time: when it wrote. */
  readonly minutes: Map<number, number>;
  first: number;
  last: number;
}

function factsOf(source: string): InputFacts {
  // A node's log file names its pod in its path; its CRI lines name nothing.
  const path = kubeLogPath(source);
  return {
    source, namespaces: new Set(path ? [path.namespace] : []), hosts: new Set(), hubPods: new Set(path && HUB_POD.test(path.pod) ? [path.pod] : []),
    users: new Set(), services: new Set(), cullerSettings: new Set(), authenticators: new Set(), culledUsers: false, minutes: new Map(), first: Infinity, last: -Infinity,
  };
}

export class HubFacts {
  private readonly bySource = new Map<string, InputFacts>();
  private last: InputFacts | null = null;
  /** Per input, the facts of each hub its lines name: one input may hold several hubs' logs. */
  private readonly byHub = new Map<string, Map<string, InputFacts>>();
  /** Inputs with hub records that name no hub. */
  private readonly unnamed = new Set<string>();

  observe(batch: readonly HubEvent[]): void {
    for (const ev of batch) {
      if (ev.shape === 'none') continue;
      let f = this.last;
      if (f === null || f.source !== ev.source) {
        f = this.bySource.get(ev.source) ?? null;
        if (f === null) this.bySource.set(ev.source, (f = factsOf(ev.source)));
        this.last = f;
      }
      this.note(f, ev);
      const hub = envelopeHub(ev);
      if (hub === null) {
        this.unnamed.add(ev.source);
        continue;
      }
      let hubs = this.byHub.get(ev.source);
      if (!hubs) this.byHub.set(ev.source, (hubs = new Map<string, InputFacts>()));
      let h = hubs.get(hub);
      if (!h) hubs.set(hub, (h = factsOf(ev.source)));
      this.note(h, ev);
    }
  }

  /** The hubs an input's lines name, each with its facts (none when its lines name none). */
  hubsOf(source: string): ReadonlyMap<string, InputFacts> {
    return this.byHub.get(source) ?? new Map();
  }

  /** Some of the input's hub records name no hub. */
  namesNone(source: string): boolean {
    return this.unnamed.has(source);
  }

  /** The facts of each input that held hub records. */
  get inputs(): ReadonlyMap<string, InputFacts> {
    return this.bySource;
  }

  private note(f: InputFacts, ev: HubEvent): void {
    if (ev.namespace !== undefined) f.namespaces.add(ev.namespace);
    if (ev.host !== undefined) f.hosts.add(ev.host);
    if (ev.pod !== undefined && HUB_POD.test(ev.pod)) f.hubPods.add(ev.pod);
    const t = ev.t;
    if (ev.shape === 'jupyterhub' && Number.isFinite(t)) {
      if (t < f.first) f.first = t;
      if (t > f.last) f.last = t;
      const m = Math.floor(t / MINUTE_MS);
      f.minutes.set(m, (f.minutes.get(m) ?? 0) + 1);
    }
    switch (ev.kind) {
      case 'service-start':
        if (ev.name) f.services.add(ev.name);
        if (ev.culler) f.cullerSettings.add(settingsOf(ev.culler));
        return;
      case 'hub-authenticator':
        f.authenticators.add(ev.className);
        return;
      case 'access':
        if (ev.user !== null) f.users.add(ev.user);
        return;
      case 'user-deleted':
        f.users.add(ev.target);
        return;
      case 'culler-culled-user':
        f.culledUsers = true;
        f.users.add(ev.user);
        return;
      case 'login-refused':
      case 'login-succeeded':
      case 'user-added':
        f.users.add(ev.user);
        return;
      default:
    }
  }
}

function settingsOf(c: CullerOptions): string {
  return `${c.cullUsers ? '--cull-users ' : ''}--timeout=${c.timeoutSeconds ?? '?'} --cull-every=${c.everySeconds ?? '?'}`;
}

/** Records of the hub process `f` wrote in [from, to] (whole minutes: an estimate at the edges). */
export function recordsBetween(f: InputFacts, from: number, to: number): number {
  let n = 0;
  const a = Math.floor(from / MINUTE_MS);
  const b = Math.floor(to / MINUTE_MS);
  if (b - a < f.minutes.size) {
    for (let m = a; m <= b; m++) n += f.minutes.get(m) ?? 0;
  } else {
    for (const [m, k] of f.minutes) if (m >= a && m <= b) n += k;
  }
  return n;
}

/** The names of people among those `f` holds: services (the culler's token among them) left out. */
export function peopleOf(f: InputFacts): Set<string> {
  const out = new Set<string>();
  for (const u of f.users) if (!f.services.has(u) && !CULLER_NAMES.includes(u)) out.add(u);
  return out;
}
