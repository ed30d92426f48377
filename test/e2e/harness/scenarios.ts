// The three incidents hubsleuth exists to explain, reproduced on a real hub. Each returns the
// captured log and the driver's truth; the hub is always stopped, also when a step throws.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, type ScenarioSettings, type Truth } from './driver.js';
import { findJupyterHub, startHub, type Hub } from './hub.js';

// Seconds, not the chart's 3600/600, so a scenario fits in well under two minutes.
export const CULL_TIMEOUT = 15;
export const CULL_EVERY = 5;
// One more cull cycle after the restart, so the log shows the culler back at work and leaving
// the just-restored users alone (they are active), as a real hub would.
const AFTER_RESTART_MS = (CULL_EVERY + 1) * 1000;
const CULL_WAIT_MS = (CULL_TIMEOUT + 3 * CULL_EVERY + 15) * 1000;

export interface ScenarioResult {
  name: string;
  /** File name used under samples/real/. */
  sample: string;
  truth: Truth;
  logPath: string;
  hub: Hub;
  durationMs: number;
}

interface Scenario {
  name: string;
  sample: string;
  description: string;
  settings: Omit<ScenarioSettings, 'password' | 'culler'>;
  steps(d: Driver): Promise<void>;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'form-login-culled',
    sample: 'form-login-culled.log',
    description:
      'DummyAuthenticator (form logins). alice and bob log in and go idle; the admin deletes carol through the API ' +
      'and her login is refused; never-allowed mallory is refused; the culler deletes alice and bob; alice (stale ' +
      'cookie) is refused once, bob twice; the hub is restarted; alice, bob and carol log in again; mallory is still refused; ' +
      'one more cull cycle passes. ' +
      'The admin stays active (token API calls) so the allow list never empties.',
    settings: { auth: 'form', allowedUsers: ['alice', 'bob', 'carol'], adminUsers: ['admin'] },
    async steps(d) {
      const stopPinger = d.keepActive();
      try {
        await d.login('alice');
        await d.login('bob');
        await d.login('carol');
        await d.adminDelete('carol');
        await d.login('carol');
        await d.login('mallory');
        await d.waitForCulls(['alice', 'bob'], CULL_WAIT_MS);
        await d.login('alice');
        await d.login('bob');
        await d.login('bob');
        await d.restart();
        await d.login('alice');
        await d.login('bob');
        await d.login('carol');
        await d.login('mallory');
        await d.pause(AFTER_RESTART_MS);
      } finally {
        await stopPinger();
      }
    },
  },
  {
    name: 'oauth-403-culled',
    sample: 'oauth-403-culled.log',
    description:
      'OAuth-style login (callback raises HTTPError 403 like OAuthenticator 15+). erin and frank log in and go idle; ' +
      'never-allowed mallory gets a 403; the culler deletes erin and frank; erin gets one 403, frank two; the hub is ' +
      'restarted; erin and frank log in again; one more cull cycle passes. The admin stays active so the allow list never empties.',
    settings: { auth: 'oauth', allowedUsers: ['erin', 'frank'], adminUsers: ['admin'] },
    async steps(d) {
      const stopPinger = d.keepActive();
      try {
        await d.login('erin');
        await d.login('frank');
        await d.login('mallory');
        await d.waitForCulls(['erin', 'frank'], CULL_WAIT_MS);
        await d.login('erin');
        await d.login('frank');
        await d.login('frank');
        await d.restart();
        await d.login('erin');
        await d.login('frank');
        await d.pause(AFTER_RESTART_MS);
      } finally {
        await stopPinger();
      }
    },
  },
  {
    name: 'allow-list-emptied',
    sample: 'allow-list-emptied.log',
    description:
      'DummyAuthenticator. alice and bob log in and go idle; never-allowed mallory is refused; nobody keeps the admin ' +
      'active, so the culler deletes admin, alice and bob, emptying the in-memory allow list; then mallory (refused ' +
      'before) and oscar (never seen) both log in successfully. No restart.',
    settings: { auth: 'form', allowedUsers: ['alice', 'bob'], adminUsers: ['admin'] },
    async steps(d) {
      await d.login('alice');
      await d.login('bob');
      await d.login('mallory');
      await d.waitForCulls(['admin', 'alice', 'bob'], CULL_WAIT_MS);
      await d.login('mallory');
      await d.login('oscar');
    },
  },
];

export async function runScenario(s: Scenario, log: (msg: string) => void = () => {}): Promise<ScenarioResult> {
  const install = findJupyterHub();
  if ('missing' in install) throw new Error(install.missing);
  const t0 = Date.now();
  const settings: ScenarioSettings = {
    ...s.settings,
    password: 'e2e-password',
    culler: { timeout: CULL_TIMEOUT, every: CULL_EVERY, cullUsers: true },
  };
  const hub = await startHub({
    allowedUsers: settings.allowedUsers,
    adminUsers: settings.adminUsers,
    auth: settings.auth,
    password: settings.password,
    culler: { timeout: CULL_TIMEOUT, every: CULL_EVERY, cullUsers: true },
  });
  log(`${s.name}: hub up at ${hub.hubUrl} (dir ${hub.dir})`);
  const d = new Driver(hub, s.name, s.description, settings);
  try {
    await s.steps(d);
  } catch (e) {
    const err = e as Error;
    err.message = `${s.name}: ${err.message} (hub log: ${hub.logPath})`;
    throw err;
  } finally {
    await d.stop();
  }
  const truth = d.truth(install.version);
  writeFileSync(join(hub.dir, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  log(`${s.name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s, log ${hub.logPath}`);
  return { name: s.name, sample: s.sample, truth, logPath: hub.logPath, hub, durationMs: Date.now() - t0 };
}

/** Copy a run's log and truth into `dir` (samples/real/ when refreshing the samples). */
export function saveSample(r: ScenarioResult, dir: string): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(r.logPath, join(dir, r.sample));
  const truth = { ...r.truth, log: r.sample };
  writeFileSync(join(dir, r.sample.replace(/\.log$/, '.truth.json')), JSON.stringify(truth, null, 2) + '\n');
}
