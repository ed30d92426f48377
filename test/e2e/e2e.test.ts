// End to end: reproduce the incident on a real JupyterHub, then check that `hubsleuth analyze`
// tells the story the driver knows it caused. Expected values come from the driver's record of
// its own actions (harness/driver.ts), never from numbers copied out of a log.
//
// Needs Debian's jupyterhub + configurable-http-proxy. Without them the suite is skipped, unless
// CI is set: there a missing hub is a failure. HUBSLEUTH_E2E_SAVE=<dir> also copies each captured
// log and its truth there (that is how samples/real/ is refreshed).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import type { Denial, Incident, ReportJson as Report } from '../../src/core/model/report.js';
import type { HubStartAction } from './harness/driver.js';
import { findJupyterHub, repoRoot } from './harness/hub.js';
import { SCENARIOS, CULL_EVERY, CULL_TIMEOUT, runScenario, saveSample, type ScenarioResult } from './harness/scenarios.js';

const TOLERANCE_MS = 2500; // log times vs. the driver's clock: same machine, request durations only

const install = findJupyterHub();
const missing = 'missing' in install ? install.missing : null;

if (missing && process.env.CI) {
  test('JupyterHub is installed (required in CI)', () => {
    assert.fail(`e2e suite cannot run: ${missing}`);
  });
} else if (missing) {
  test('e2e against a real JupyterHub', { skip: `JupyterHub not installed: ${missing}` }, () => {});
} else {
  defineSuite();
}

interface Analysis {
  status: number | null;
  report: Report;
  stderr: string;
}

function analyze(logPath: string): Analysis {
  const cli = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
  assert.ok(existsSync(cli), `the CLI is not built: ${cli} (run npm run build)`);
  const r = spawnSync(process.execPath, [cli, 'analyze', '--format', 'json', logPath], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    assert.fail(`analyze did not print JSON (exit ${r.status}, signal ${r.signal}); stderr:\n${r.stderr}\nstdout:\n${r.stdout.slice(0, 2000)}`);
  }
  return { status: r.status, report, stderr: r.stderr };
}

const ms = (iso: string | null) => (iso ? Date.parse(iso) : NaN);

function near(actual: string | null, expected: string, what: string): void {
  assert.ok(actual, `${what}: missing time, expected about ${expected}`);
  const d = Math.abs(ms(actual) - ms(expected));
  assert.ok(d <= TOLERANCE_MS, `${what}: ${actual} is ${d} ms away from ${expected}`);
}

/** Group by user, keeping order within each user, so ties across users cannot reorder a match. */
function byUser<T extends { user: string | null }>(xs: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = x.user ?? '(unattributed)';
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}

function defineSuite(): void {
  // All scenarios run at once: each has its own hub, ports and temp dir, and most of a scenario is
  // waiting for the culler, so running them side by side keeps the suite near one scenario's time.
  const runs = new Map<string, Promise<ScenarioResult>>();
  const start = () => {
    for (const s of SCENARIOS) {
      if (!runs.has(s.name)) {
        const p = runScenario(s, (m) => console.error(`[e2e] ${m}`));
        p.catch(() => {}); // reported by the scenario's own before()
        runs.set(s.name, p);
      }
    }
  };

  // Temp dirs (config, DB, log) are kept when anything failed, so the failure can be inspected.
  const failures: string[] = [];
  const check = (name: string, fn: () => void) =>
    void it(name, () => {
      try {
        fn();
      } catch (e) {
        failures.push(name);
        throw e;
      }
    });

  after(async () => {
    // runScenario stops its hub in a finally; this is the belt to those braces.
    for (const p of runs.values()) {
      const r = await p.catch(() => null);
      if (!r) continue;
      await r.hub.stop();
      if (failures.length || process.env.HUBSLEUTH_E2E_KEEP) console.error(`[e2e] kept ${r.hub.dir}`);
      else rmSync(r.hub.dir, { recursive: true, force: true });
    }
  });

  for (const scenario of SCENARIOS) {
    describe(`real hub: ${scenario.name}`, { timeout: 240_000 }, () => {
      let run: ScenarioResult;
      let a: Analysis;

      before(async () => {
        start();
        run = await runs.get(scenario.name)!;
        const saveTo = process.env.HUBSLEUTH_E2E_SAVE;
        if (saveTo) saveSample(run, saveTo);
        a = analyze(run.logPath);
      }, { timeout: 240_000 });

      check('the hub behaved as the allow-list model predicts (driver sanity)', () => {
        assert.deepEqual(run.truth.surprises, [], `log: ${run.logPath}`);
      });

      check('reports one incident per deletion: who, by whom, denials, restored or not', () => {
        const exp = run.truth.expected.incidents;
        const got = a.report.incidents;
        assert.deepEqual(
          got.map((i) => `${i.user}/${i.deletedBy}`).sort(),
          exp.map((i) => `${i.user}/${i.deletedBy}`).sort(),
          'incidents (user/deletedBy)',
        );
        const gotBy = byUser<Incident>(got);
        for (const [user, list] of byUser(exp)) {
          list.forEach((e, k) => {
            const g = gotBy.get(user)?.[k];
            assert.ok(g, `no incident #${k + 1} for ${user}`);
            const what = `incident ${user}#${k + 1}`;
            assert.equal(g.deletedBy, e.deletedBy, `${what}: deletedBy`);
            assert.equal(g.actor, e.actor, `${what}: actor`);
            near(g.deletedAt, e.deletedAt, `${what}: deletedAt`);
            assert.equal(g.denials, e.denials, `${what}: denials`);
            if (e.restoredAt === null) assert.equal(g.restoredAt, null, `${what}: restoredAt should be null`);
            else if (e.restoredBy === 'restart') {
              // The hub logs its start somewhere between being launched and being ready.
              assert.equal(g.restoredBy, 'restart', `${what}: restoredBy`);
              const t = ms(g.restoredAt ?? '');
              assert.ok(t >= ms(e.restoredAt) - TOLERANCE_MS && t <= ms(e.restoredBefore ?? e.restoredAt) + TOLERANCE_MS, `${what}: restoredAt ${g.restoredAt} outside the restart ${e.restoredAt}…${e.restoredBefore}`);
            } else {
              assert.equal(g.restoredBy, 'login', `${what}: restoredBy`);
              near(g.restoredAt, e.restoredAt, `${what}: restoredAt`);
            }
            if (e.deletedBy === 'culler') assert.ok(g.inactiveFor, `${what}: inactiveFor from the culler line`);
          });
        }
      });

      check('reports every refused login with its cause', () => {
        const exp = run.truth.expected.denials;
        const got = a.report.denials;
        assert.deepEqual(
          got.map((d) => `${d.user}/${d.cause}`).sort(),
          exp.map((d) => `${d.user}/${d.cause}`).sort(),
          'denials (user/cause)',
        );
        const gotBy = byUser<Denial>(got);
        for (const [user, list] of byUser(exp)) {
          list.forEach((e, k) => {
            const g = gotBy.get(user)![k];
            const what = `denial ${user}#${k + 1}`;
            assert.deepEqual(
              { status: g.status, method: g.method, path: g.path, cause: g.cause },
              { status: e.status, method: e.method, path: e.path, cause: e.cause },
              what,
            );
            near(g.at, e.at, `${what}: at`);
            if (e.incident === null) assert.equal(g.incident, null, `${what}: incident`);
            else assert.equal(a.report.incidents[g.incident ?? -1]?.user, user, `${what}: linked to ${user}'s incident`);
          });
        }
      });

      check('counts every hub start', () => {
        const starts = run.truth.actions.filter((x): x is HubStartAction => x.kind === 'hub-start');
        assert.equal(a.report.hubStarts.length, run.truth.expected.hubStarts);
        a.report.hubStarts.forEach((h, k) => {
          assert.equal(h.version, run.truth.hub.version);
          const s = starts[k];
          const t = ms(h.at);
          assert.ok(s, `no driver record for hub start #${k + 1}`);
          assert.ok(
            t >= ms(s.at) - TOLERANCE_MS && t <= ms(s.readyAt) + TOLERANCE_MS,
            `hub start #${k + 1} at ${h.at} is outside ${s.at}..${s.readyAt}`,
          );
        });
      });

      check('reads the culler settings from the logged argv', () => {
        const c = a.report.culler;
        const e = run.truth.expected.culler;
        assert.deepEqual(
          { seen: c.seen, cullsUsers: c.cullsUsers, timeoutSeconds: c.timeoutSeconds, everySeconds: c.everySeconds },
          e,
        );
        assert.equal(e.timeoutSeconds, CULL_TIMEOUT);
        assert.equal(e.everySeconds, CULL_EVERY);
        assert.ok(!(c.inferred ?? []).some((k) => ['timeoutSeconds', 'everySeconds', 'cullsUsers'].includes(k)), 'argv values are read, not inferred');
      });

      check('raises allow-list-emptied exactly when someone got in through an empty allow list', () => {
        const exp = run.truth.expected.findings.find((f) => f.kind === 'allow-list-emptied');
        const got = a.report.findings.filter((f) => f.kind === 'allow-list-emptied');
        if (!exp) {
          assert.equal(got.length, 0, `unexpected allow-list-emptied: ${JSON.stringify(got)}`);
          return;
        }
        assert.equal(got.length, 1, 'one allow-list-emptied finding');
        assert.deepEqual([...(got[0].users ?? [])].sort(), [...exp.users].sort(), 'admitted users');
        assert.equal(got[0].severity, 'critical');
        // Dated at the deletion that emptied the list, not at the login that proved it.
        near(got[0].at, exp.at!, `allow-list-emptied at ${exp.deleted!}'s deletion`);
      });

      check('parses every line of the real log', () => {
        assert.equal(a.report.totals.unparsed, 0, 'unparsed lines in a real hub log');
      });

      check('exits as the contract says', () => {
        if (run.truth.expected.exitCode === 1) assert.equal(a.status, 1, `exit code; stderr: ${a.stderr}`);
        else assert.ok(a.status === 0 || a.status === 1, `exit code ${a.status}; stderr: ${a.stderr}`);
      });
    });
  }
}
