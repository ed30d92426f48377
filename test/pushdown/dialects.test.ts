// Every push-down dialect of `hubsleuth filter`, evaluated with its platform's semantics over every
// sample laid out as that platform keeps it: the filter keeps every line analyze reads and drops
// most of the rest, and analyze on the platform's export of what it kept gives the verdict of the
// full log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, runCli, sample as samplePath } from '../helpers/cli.js';
import { DIALECTS } from '../../parsers/pushdown/index.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';
import { loadSample } from './records.js';
import type { Evaluator } from './evaluator.js';
import { grep } from './grep.js';
import { logql } from './logql.js';
import { gcloud } from './gcloud.js';
import { cloudwatch } from './cloudwatch.js';
import { kql } from './kql.js';
import { es } from './es.js';

const EVALUATORS: Record<string, Evaluator[]> = { grep: [grep], logql: [logql], gcloud: [gcloud], cloudwatch: [cloudwatch], kql: [kql], es: [es('log'), es('message')] };

const facts = (r: Report) => ({
  verdict: r.verdict.rootCause,
  incidents: r.incidents.map((i) => [i.user, i.deletedAt, i.deletedBy, i.inactiveFor, i.denials, i.firstDeniedAt, i.lastDeniedAt, i.restoredAt]),
  denials: r.denials.map((d) => [d.at, d.user, d.status, d.cause, d.incident]),
  findings: r.findings.map((f) => [f.kind, f.users ?? null]),
  starts: r.hubStarts.map((s) => [s.at, s.version]),
  culler: [r.culler.cullsUsers, r.culler.timeoutSeconds, r.culler.everySeconds],
});

const SAMPLES = [
  ...readdirSync(samplePath('.')).filter((f) => f.endsWith('.log')).map((f) => `samples/${f}`),
  ...readdirSync(samplePath('real')).filter((f) => f.endsWith('.log')).map((f) => `samples/real/${f}`),
];

test('every dialect has an evaluator here, and the README shows the command that runs it', () => {
  assert.deepEqual(DIALECTS.map((d) => d.id).sort(), Object.keys(EVALUATORS).sort());
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  for (const d of DIALECTS) assert.ok(readme.includes(d.example), `README lacks the --${d.id} command:\n${d.example}`);
});

for (const d of DIALECTS) {
  test(`filter --${d.id}: keeps every line analyze reads, drops most others, same verdict`, { timeout: 300_000 }, async (t) => {
    const printed = await runCli(['filter', `--${d.id}`, '--namespace', 'jhub']);
    assert.equal(printed.code, 0, printed.stderr);
    const filter = printed.stdout.replace(/\n$/, '');
    for (const path of SAMPLES) {
      const sample = loadSample(path);
      const full = await runCli(['analyze', '--format', 'json', path]);
      for (const [k, evaluate] of EVALUATORS[d.id].entries()) {
        await t.test(`${path}${k ? ` (${k + 1})` : ''}`, async () => {
          const { kept, exported, universe } = evaluate(filter, sample);
          const lost = [...sample.needed].filter((i) => !kept.has(i));
          assert.deepEqual(lost.map((i) => sample.recs[i].text), [], `${path}: lines analyze reads were filtered out`);
          const noise = sample.recs.slice(0, universe).filter((r) => !sample.needed.has(r.i));
          const dropped = noise.filter((r) => !kept.has(r.i)).length;
          t.diagnostic(`${path}: kept ${sample.needed.size}/${sample.needed.size} needed lines, dropped ${dropped}/${noise.length} others`);
          // Most of the rest goes: DEBUG lines, 2xx/3xx requests, tracebacks, other containers.
          assert.ok(dropped > noise.length / 2, `${path}: dropped only ${dropped} of ${noise.length} other lines`);
          const cut = await runCli(['analyze', '--format', 'json', '-'], { input: exported });
          assert.deepEqual(facts(JSON.parse(cut.stdout) as Report), facts(JSON.parse(full.stdout) as Report), path);
          assert.equal(cut.code, full.code, path);
        });
      }
    }
  });
}
