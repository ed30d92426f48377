// One secret of every shape in every envelope, and every surface hubsleuth writes: not one of them
// may come out. The incidents are found all the same: only the values go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { CANARY, ENVELOPE_NAMES, SHAPES, canaryLog, containerLines, userOf } from './canary-log.js';
import { ENVELOPES } from '../../parsers/envelopes/index.js';
import type { ReportJson } from '../../src/core/model/report.js';

const dir = tempDir('canaries');
const files = ENVELOPE_NAMES.map((env, e) => {
  const p = join(dir, `${env}.log`);
  writeFileSync(p, canaryLog(e));
  return p;
});

function assertClean(where: string, text: string): void {
  const at = text.indexOf(CANARY);
  assert.equal(at, -1, `${where} leaks a secret: …${text.slice(Math.max(0, at - 120), at + 40)}…`);
}

function assertRun(where: string, r: CliResult, codes: number[] = [0, 1]): void {
  assert.ok(codes.includes(r.code ?? -1), `${where}: exit ${r.code}\n${r.stderr}`);
  assertClean(`${where} (stdout)`, r.stdout);
  assertClean(`${where} (stderr)`, r.stderr);
}

test('the canary log really is one incident per shape and envelope, each quoting its secret line', async () => {
  const r = await runCli(['analyze', '--format', 'json', ...files]);
  assertRun('analyze --format json', r);
  const report = JSON.parse(r.stdout) as ReportJson;
  assert.equal(report.incidents.length, ENVELOPE_NAMES.length * SHAPES.length);
  ENVELOPE_NAMES.forEach((env, e) => SHAPES.forEach((shape, k) => {
    const inc = report.incidents.find((i) => i.user === userOf(e, k));
    assert.ok(inc, `${env}: no incident for ${shape.name}`);
    assert.equal(inc.denials, 1, `${env}: ${shape.name}`);
    // The line with the secret is quoted, with [secret] standing in for the value.
    assert.ok(inc.evidence.some((ev) => ev.text.includes('[secret]')), `${env}: ${shape.name}: ${JSON.stringify(inc.evidence)}`);
  }));
});

for (const format of ['text', 'markdown', 'html']) {
  test(`analyze --format ${format}: no secret`, async () => {
    assertRun(`analyze --format ${format}`, await runCli(['analyze', '--format', format, ...files]));
  });
}

test('events: no secret in any field', async () => {
  const r = await runCli(['events', ...files]);
  assertRun('events', r, [0]);
  assert.ok(r.stdout.includes('[secret]'));
});

test('watch, text and ndjson: no secret in alerts or the summary', async () => {
  for (const format of ['text', 'ndjson']) {
    const r = await runCli(['watch', '--format', format, ...files]);
    assertRun(`watch --format ${format}`, r, [0]);
    assert.match(r.stdout, /canary0x00/);
  }
});

test('--redact with --redact-map: no secret in the report or the map', async () => {
  const map = join(dir, 'map.json');
  for (const cmd of [['analyze', '--format', 'json'], ['events']]) {
    const r = await runCli([...cmd, '--redact-map', map, ...files]);
    assertRun(`${cmd[0]} --redact-map`, r);
    assertClean(`${cmd[0]} --redact-map file`, readFileSync(map, 'utf8'));
  }
});

test('check-hub and check-db: no secret from a URL, a token file or a database URL in output or errors', async () => {
  const token = join(dir, 'two-line-token');
  writeFileSync(token, `${CANARY}tok1\n${CANARY}tok2\n`);
  const runs: Array<[string, string[], Record<string, string>?]> = [
    ['check-hub --url user:pw@', ['check-hub', '--url', `http://hubuser:${CANARY}pw@127.0.0.1:9/hub/api`, '--allowed', 'a', '--format', 'json'], { JUPYTERHUB_API_TOKEN: 'x' }],
    ['check-hub --url ?token=&password=', ['check-hub', '--url', `http://127.0.0.1:9/hub/api?token=${CANARY}q1&password=${CANARY}q2`, '--allowed', 'a'], { JUPYTERHUB_API_TOKEN: 'x' }],
    ['check-hub --url not a URL', ['check-hub', '--url', `http//x:${CANARY}pw@?token=${CANARY}t`, '--allowed', 'a'], { JUPYTERHUB_API_TOKEN: 'x' }],
    ['check-hub two-line token file', ['check-hub', '--url', 'http://127.0.0.1:9/hub/api', '--token-file', token, '--allowed', 'a']],
    ['check-hub token in the environment', ['check-hub', '--url', 'http://127.0.0.1:9/hub/api', '--allowed', 'a'], { JUPYTERHUB_API_TOKEN: `${CANARY}env\nsecond` }],
    ['check-db postgresql://user:pw@', ['check-db', `postgresql://reader:${CANARY}db@127.0.0.1:9/jupyterhub?password=${CANARY}db2`]],
  ];
  for (const [name, args, env] of runs) {
    const r = await runCli(args, { env });
    assertRun(name, r, [2]);
    assert.match(r.stderr, /^hubsleuth check-(hub|db): .+\n$/, `${name}: one line on stderr`);
  }
});

// Every envelope the parsers know, each of its samples a way to write the canary log: the sample's
// own line with its text replaced by each line of the log (escaped as JSON inside a JSON one), one
// file per sample, as each would be exported.
const wrapped = ENVELOPES.flatMap((env) => env.samples).flatMap((sample, k) => {
  const json = !sample.line.includes(sample.text);
  const inner = json ? JSON.stringify(sample.text).slice(1, -1) : sample.text;
  if (sample.text.length < 20 || sample.line.split(inner).length !== 2) return [];
  const at = sample.line.indexOf(inner);
  const p = join(dir, `envelope-${k}.log`);
  // Each file its own users and times: copies across inputs would be dropped as duplicates.
  const lines = containerLines(k).map(([, l]) => sample.line.slice(0, at) + (json ? JSON.stringify(l).slice(1, -1) : l) + sample.line.slice(at + inner.length));
  writeFileSync(p, lines.join('\n') + '\n');
  return [p];
});

test(`every registered envelope (${wrapped.length} samples): the secrets are read and none comes out of any surface`, async () => {
  const ev = await runCli(['events', ...wrapped]);
  assertRun('events, every envelope', ev, [0]);
  // Read, not skipped: in each file every secret line shows the mark instead.
  const marked = ev.stdout.split('\n').filter((l) => l.includes('[secret]')).length;
  assert.ok(marked >= wrapped.length * SHAPES.length, `${marked} events show [secret]`);
  for (const format of ['text', 'markdown', 'json', 'html']) assertRun(`analyze --format ${format}, every envelope`, await runCli(['analyze', '--format', format, ...wrapped]));
  for (const format of ['text', 'ndjson']) assertRun(`watch --format ${format}, every envelope`, await runCli(['watch', '--format', format, ...wrapped]), [0]);
  const map = join(dir, 'every-envelope-map.json');
  assertRun('analyze --redact-map, every envelope', await runCli(['analyze', '--format', 'json', '--redact-map', map, ...wrapped]));
  assertClean('--redact-map file, every envelope', readFileSync(map, 'utf8'));
});
