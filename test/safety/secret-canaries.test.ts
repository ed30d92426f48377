// One secret of every shape in every envelope, and every surface hubsleuth writes: not one of them
// may come out. The incidents are found all the same: only the values go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { CANARY, ENVELOPE_NAMES, SHAPES, canaryLog, userOf } from './canary-log.js';
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
