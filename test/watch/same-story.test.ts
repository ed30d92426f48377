// watch and analyze read through the same source stage, so they tell the same story: for every
// sample, in every envelope, given as a file or piped in, watch alerts once per refusal that
// analyze links to a deletion, naming the same user at the same time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import type { ReportJson } from '../../src/core/model/report.js';

const samples = ['samples', 'samples/real'].flatMap((d) => readdirSync(join(ROOT, d))
  .filter((f) => /\.(log|json|jsonl|ndjson)$/.test(f) && !/\.(expected|truth)\.json$/.test(f))
  .map((f) => `${d}/${f}`));

test('watch alerts one denied-after-deletion per refusal analyze links to a deletion, on every sample', async () => {
  assert.ok(samples.length >= 12);
  for (const s of samples) {
    const a = await runCli(['analyze', '--format', 'json', '--exit-zero', s]);
    assert.equal(a.code, 0, a.stderr);
    const report = JSON.parse(a.stdout) as ReportJson;
    const linked = report.denials.filter((d) => d.incident !== null).map((d) => `${d.at} ${d.user}`);
    for (const input of [{ args: [s] }, { args: ['-'], input: readFileSync(join(ROOT, s)) }]) {
      const w = await runCli(['watch', '--every', '0', '--format', 'ndjson', ...input.args], { input: input.input });
      assert.equal(w.code, 0, w.stderr);
      const alerts = w.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; at: string; user: string })
        .filter((x) => x.kind === 'denied-after-deletion').map((x) => `${x.at} ${x.user}`);
      assert.deepEqual(alerts, linked, `${s} (${input.args[0] === '-' ? 'stdin' : 'file'})`);
    }
  }
});
