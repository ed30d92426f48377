// The published JSON Schemas (schema/*.schema.json) against every JSON the tool writes on the
// repository's realistic inputs: if a reporter adds or changes a field the schema does not allow, or
// the schema promises a field the tool does not write, this fails. Child processes, like users run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { EVENT_KINDS } from '../../src/core/model/events.js';
import type { ReportJson } from '../../src/core/model/report.js';
import { skipUnless } from '../helpers/skip.js';

const schemaFile = (name: string) => resolve(ROOT, 'schema', name);
const loadSchema = (name: string) => JSON.parse(readFileSync(schemaFile(name), 'utf8')) as Record<string, unknown>;

// Ajv's default strictSchema: a typo in a schema keyword is an error, not a silently ignored
// constraint. (strictRequired stays off: the if/then blocks require fields declared at the top.)
const ajv = new Ajv({ allErrors: true, strictSchema: true, strictTypes: 'log', allowUnionTypes: true });
const validators: Record<string, ValidateFunction> = {};
for (const name of ['report-v1', 'event-v1', 'alert-v1', 'check-v1']) validators[name] = ajv.compile(loadSchema(`${name}.schema.json`));

function assertValid(name: string, doc: unknown, where: string): void {
  const v = validators[name];
  if (!v(doc)) assert.fail(`${where} does not match schema/${name}.schema.json:\n${ajv.errorsText(v.errors, { separator: '\n' })}`);
}

/** Every log among the samples: skips the expected/truth records and READMEs that sit beside them. */
function sampleLogs(): string[] {
  const out: string[] = [];
  for (const dir of ['samples', 'samples/real']) {
    for (const f of readdirSync(resolve(ROOT, dir)).sort()) {
      if (/\.(expected|truth)\.json$|\.md$/.test(f)) continue;
      if (!/\.(log|json|jsonl|ndjson)$/.test(f)) continue;
      out.push(`${dir}/${f}`);
    }
  }
  return out;
}

/** Runs at most `n` children at once: fast, without a fork storm on a small CI runner. */
async function mapLimit<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

const expectExit = (r: CliResult, codes: number[], what: string) =>
  assert.ok(codes.includes(r.code ?? -1), `${what}: exit ${r.code}, stderr:\n${r.stderr}`);

test('the schema files are valid draft-07 and name their versions', () => {
  for (const [file, id] of [['report-v1', 'report-v1.json'], ['event-v1', 'event-v1.json'], ['alert-v1', 'alert-v1.json'], ['check-v1', 'check-v1.json']]) {
    const s = loadSchema(`${file}.schema.json`);
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(String(s.$id).endsWith(`/${id}`), `${file}: $id ${String(s.$id)}`);
  }
});

/** The watch command's own schema module, when watch is part of this build (it is developed alongside). */
async function watchSchema(): Promise<Record<string, unknown> | null> {
  const url = new URL('../../src/watch/schema.js', import.meta.url);
  if (!existsSync(url)) return null;
  return ((await import(url.href)) as { ALERT_JSON_SCHEMA: Record<string, unknown> }).ALERT_JSON_SCHEMA;
}

test('alert schema file is the one watch is tested against (src/watch/schema.ts)', async () => {
  const ALERT_JSON_SCHEMA = await watchSchema();
  assert.ok(ALERT_JSON_SCHEMA, 'src/watch/schema.ts is not in this build');
  assert.deepEqual(loadSchema('alert-v1.schema.json'), JSON.parse(JSON.stringify(ALERT_JSON_SCHEMA)),
    'schema/alert-v1.schema.json drifted from ALERT_JSON_SCHEMA: regenerate it from src/watch/schema.ts');
});

test('event schema lists exactly the event kinds the parsers produce', () => {
  const kinds = ((loadSchema('event-v1.schema.json').properties as Record<string, { enum: string[] }>).kind.enum);
  assert.deepEqual([...kinds].sort(), [...EVENT_KINDS].sort());
});

test('analyze --format json on every sample matches the report schema', async () => {
  const logs = sampleLogs();
  assert.ok(logs.length >= 10, `found only ${logs.join(', ')}`);
  await mapLimit(logs, 4, async (f) => {
    const r = await runCli(['analyze', f, '--format', 'json', '-q']);
    expectExit(r, [0, 1], f);
    assertValid('report-v1', JSON.parse(r.stdout), `analyze ${f}`);
  });
});

test('report schema holds for all samples at once, redacted, filtered by user, and from stdin', async () => {
  const logs = sampleLogs();
  const runs: Array<[string, Promise<CliResult>]> = [
    ['all samples together', runCli(['analyze', ...logs, '--format', 'json', '-q'])],
    ['--redact', runCli(['analyze', 'samples/incident-two-days.log', '--format', 'json', '--redact', '-q'])],
    ['--user bob', runCli(['analyze', 'samples/incident-two-days.log', '--format', 'json', '--user', 'bob', '-q'])],
    ['stdin', runCli(['--format', 'json', '-q'], { input: readFileSync(resolve(ROOT, 'samples/real/allow-list-emptied.log')) })],
    ['a missing input among several', runCli(['analyze', 'samples/incident-two-days.log', 'samples/no-such.log', '--format', 'json', '-q'])],
    ['the samples folder, several hubs', runCli(['analyze', 'samples/', '--format', 'json', '-q'])],
  ];
  for (const [what, p] of runs) {
    const r = await p;
    expectExit(r, what.startsWith('a missing') ? [2] : [0, 1], what);
    assertValid('report-v1', JSON.parse(r.stdout), what);
  }
});

test('events: every record of every sample matches the event schema', async () => {
  await mapLimit(sampleLogs(), 4, async (f) => {
    const r = await runCli(['events', f, '-q']);
    expectExit(r, [0], f);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.ok(lines.length > 0, `${f}: no events`);
    lines.forEach((l, i) => assertValid('event-v1', JSON.parse(l), `events ${f} record ${i + 1}`));
  });
});

test('events and analyze on every export of Kubernetes Events match the event and report schemas', async () => {
  const dir = 'test/fixtures/k8s-events';
  const files = readdirSync(resolve(ROOT, dir)).filter((f) => !f.endsWith('.md')).map((f) => `${dir}/${f}`);
  assert.ok(files.length >= 7);
  await mapLimit(files, 4, async (f) => {
    const r = await runCli(['events', f, '-q']);
    expectExit(r, [0], f);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.ok(lines.some((l) => (JSON.parse(l) as { kind: string }).kind === 'k8s-event'), `${f}: no k8s-event`);
    lines.forEach((l, i) => assertValid('event-v1', JSON.parse(l), `events ${f} record ${i + 1}`));
    const a = await runCli(['analyze', '--format', 'json', '-q', f]);
    expectExit(a, [0], f);
    assertValid('report-v1', JSON.parse(a.stdout), `analyze ${f}`);
  });
});

test('check-config --format json on every fixture matches the check schema', async () => {
  const dir = 'test/checks/fixtures';
  const files = readdirSync(resolve(ROOT, dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  let validated = 0;
  await mapLimit(files, 4, async (f) => {
    const r = await runCli(['check-config', `${dir}/${f}`, '--format', 'json']);
    expectExit(r, [0, 1, 2], f);
    if (r.code === 2) return; // invalid.yaml, not-a-map.yaml: a usage error on stderr, no JSON
    assertValid('check-v1', JSON.parse(r.stdout), `check-config ${f}`);
    validated++;
  });
  assert.ok(validated >= 10, `only ${validated} fixtures gave JSON`);
  // Several files merged like helm -f: the overriding case.
  const r = await runCli(['check-config', `${dir}/base.yaml`, `${dir}/override-risky.yaml`, '--format', 'json']);
  expectExit(r, [0, 1], 'base + override');
  assertValid('check-v1', JSON.parse(r.stdout), 'check-config base + override');
});

test('check-db --format json on a hub SQLite database matches the check schema', async (t) => {
  let Database: new (file: string) => { exec(sql: string): void; close(): void };
  try {
    Database = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  } catch {
    const why = skipUnless(false, 'better-sqlite3 (optional dependency)');
    if (why) return t.skip(why);
    throw new Error('better-sqlite3 (an optional dependency npm ci installs) is missing');
  }
  const dir = mkdtempSync(join(tmpdir(), 'hubsleuth-schema-'));
  try {
    const db = join(dir, 'jupyterhub.sqlite');
    const h = new Database(db);
    h.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, admin BOOLEAN, created DATETIME, last_activity DATETIME);
      INSERT INTO users (name, admin, created, last_activity) VALUES
        ('alice', 1, '2025-05-13 07:58:00.123456', '2025-05-14 10:00:00'), ('mallory', 0, '2025-05-13 08:00:00', NULL);`);
    h.close();
    const r = await runCli(['check-db', db, '--allowed', 'alice,bob', '--format', 'json']);
    expectExit(r, [0, 1], 'check-db');
    const doc = JSON.parse(r.stdout) as { users?: unknown[] };
    assert.equal(doc.users?.length, 2);
    assertValid('check-v1', doc, 'check-db');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('watch --format ndjson alerts on the samples match the alert schema', async () => {
  const logs = ['samples/incident-two-days.log', 'samples/real/allow-list-emptied.log', 'samples/real/form-login-culled.log', 'samples/real/oauth-403-culled.log'];
  let alerts = 0;
  await mapLimit(logs, 4, async (f) => {
    const r = await runCli(['watch', '--format', 'ndjson', '-q'], { input: readFileSync(resolve(ROOT, f)) });
    expectExit(r, [0], `watch < ${f}`);
    for (const [i, l] of r.stdout.split('\n').filter((x) => x !== '').entries()) {
      assertValid('alert-v1', JSON.parse(l), `watch < ${f} alert ${i + 1}`);
      alerts++;
    }
  });
  assert.ok(alerts > 10, `only ${alerts} alerts`);
});

test('an invalid report fails the report schema, a report with extra fields passes', async () => {
  const r = await runCli(['analyze', 'samples/incident-two-days.log', '--format', 'json', '-q']);
  const good = JSON.parse(r.stdout) as ReportJson;
  assertValid('report-v1', good, 'the real report');
  const v = validators['report-v1'];
  // Writes a value the model's types forbid: that is what the schema has to catch.
  const set = (o: object, key: string, value: unknown) => ((o as Record<string, unknown>)[key] = value);
  const unset = (o: object, key: string) => delete (o as Record<string, unknown>)[key];
  const broken: Array<[string, (d: ReportJson) => void]> = [
    ['verdict missing', (d) => unset(d, 'verdict')],
    ['rootCause not in the enum', (d) => set(d.verdict, 'rootCause', 'culler')],
    ['confidence not in the enum', (d) => set(d.verdict, 'confidence', 'certain')],
    ['incident time without Z', (d) => (d.incidents[0].deletedAt = '2025-05-13T08:58:15.433')],
    ['denial time without milliseconds', (d) => (d.denials[0].at = '2025-05-13T13:02:52Z')],
    ['deletedBy not in the enum', (d) => set(d.incidents[0], 'deletedBy', 'robot')],
    ['denial cause not in the enum', (d) => set(d.denials[0], 'cause', 'deleted')],
    ['finding severity not in the enum', (d) => set(d.findings[0], 'severity', 'fatal')],
    ['evidence line 0', (d) => (d.incidents[0].evidence[0].line = 0)],
    ['wrong schema version', (d) => set(d, 'schema', 'hubsleuth.report/v2')],
    ['totals missing', (d) => unset(d, 'totals')],
  ];
  for (const [what, breakIt] of broken) {
    const d = structuredClone(good);
    breakIt(d);
    assert.equal(v(d), false, `${what}: the schema accepted it`);
  }
  // "Add fields freely": new fields at any level stay valid v1.
  const extended = structuredClone(good);
  set(extended, 'generatedAt', '2025-05-15T00:00:00.000Z');
  set(extended.verdict, 'details', { anything: true });
  set(extended.incidents[0], 'namespace', 'jhub');
  assertValid('report-v1', extended, 'report with added fields');
});

test('an invalid event, alert and check result fail their schemas', () => {
  const ev = { source: '-', line: 1, lines: 1, time: '2025-05-13T08:58:15.433Z', kind: 'login-refused', level: 'W', shape: 'jupyterhub', envelope: 'plain', pod: null, container: null, reason: 'not-allowed', user: 'bob', text: "User 'bob' not allowed." };
  assertValid('event-v1', ev, 'a login-refused event');
  assert.equal(validators['event-v1']({ ...ev, kind: 'refused' }), false, 'unknown kind');
  assert.equal(validators['event-v1']({ ...ev, user: undefined }), false, 'login-refused without user');
  assert.equal(validators['event-v1']({ ...ev, time: '2025-05-13 08:58:15' }), false, 'time not ISO');
  assert.equal(validators['alert-v1']({ schema: 'hubsleuth.alert/v1', kind: 'user-deleted', severity: 'warning', at: '2025-05-13T08:58:15.433Z', summary: 'x', evidence: [] }), false, 'alert without its kind fields');
  assert.equal(validators['check-v1']({ schema: 'hubsleuth.check/v1', command: 'check-everything', sources: [], findings: [] }), false, 'unknown command');
});
