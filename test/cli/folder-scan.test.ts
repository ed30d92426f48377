// A folder scan reads the logs in it, not the reports and answer keys hubsleuth keeps beside them:
// those are skipped with a note that names them, and the same file named directly is still refused
// as a report (the sniff), never read as a log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import type { ReportJson as Report } from '../../src/core/model/report.js';

test('samples/ as a folder: the answer keys are skipped with a note, and are no input of the report', async () => {
  const r = await runCli(['analyze', '--format', 'json', '--exit-zero', 'samples/']);
  assert.equal(r.code, 0, r.stderr);
  const notes = r.stderr.split('\n').filter((l) => l.includes('hubsleuth wrote'));
  assert.deepEqual(notes, [
    'hubsleuth: note: samples/real: skipped 3 files hubsleuth wrote (reports, answer keys: allow-list-emptied.truth.json, form-login-culled.truth.json, oauth-403-culled.truth.json); name one to read it',
    'hubsleuth: note: samples/: skipped 3 files hubsleuth wrote (reports, answer keys: healthy-servers-only.expected.json, incident-two-days.expected.json, xsrf-and-not-allowed.expected.json); name one to read it',
  ]);
  const report = JSON.parse(r.stdout) as Report;
  assert.deepEqual(report.inputs.filter((i) => /\.(expected|truth)\.json$/.test(i.source)), []);
  const named = await runCli(['analyze', 'samples/incident-two-days.expected.json']);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /^hubsleuth: samples\/incident-two-days\.expected\.json is a hubsleuth report \(hubsleuth\.report\/v1\), not a log/);
});
