// `hubsleuth events` on every bundled sample: valid NDJSON, and every input line accounted for
// (parsed into an event, joined as a continuation, or printed as unparsed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, runCli, sample } from '../helpers/cli.js';
import { EVENT_KINDS } from '../../src/core/model/events.js';

interface Rec {
  source: string;
  line: number;
  lines: number;
  time: string | null;
  kind: string;
  text: string;
  [k: string]: unknown;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function files(dir: string): string[] {
  return readdirSync(dir).map((n) => join(dir, n)).filter((p) => statSync(p).isFile()).sort();
}

// The JSON files next to the logs are reports and truth records, not logs.
const NOT_LOGS = /\.(?:expected|truth)\.json$/;

// One `events` run per file, shared by the tests below (each run is a Node start-up).
const runs = new Map<string, ReturnType<typeof runCli>>();
const eventsOf = (path: string) => {
  if (!runs.has(path)) runs.set(path, runCli(['events', path]));
  return runs.get(path)!;
};

const ALL = [...files(sample('.')), ...files(sample('real'))].map((p) => relative(ROOT, p));

/** Physical lines as an editor counts them (a last line without a newline counts). */
function countLines(path: string): number {
  const text = readFileSync(join(ROOT, path), 'utf8');
  if (text.length === 0) return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

function parseNdjson(stdout: string): Rec[] {
  assert.ok(stdout === '' || stdout.endsWith('\n'), 'output ends with a newline');
  return stdout.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').map((l, i) => {
    try {
      return JSON.parse(l) as Rec;
    } catch {
      throw new Error(`line ${i + 1} of the output is not JSON: ${l.slice(0, 200)}`);
    }
  });
}

test('events on every file in samples/ and samples/real/: valid NDJSON, every input line accounted for', async () => {
  assert.ok(ALL.length >= 10, `found ${ALL.length} sample files`);
  const results = await Promise.all(ALL.map(async (path) => ({ path, r: await eventsOf(path) })));
  for (const { path, r } of results) {
    if (NOT_LOGS.test(path) && r.code === 2) {
      // A report or truth file named as input may be declined with one line saying what it is.
      assert.match(r.stderr, new RegExp(`^hubsleuth: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [^\n]*not a log[^\n]*\n$`), path);
      if (r.stdout === '') continue;
    } else {
      assert.equal(r.code, 0, `${path}: ${r.stderr}`);
      assert.equal(r.stderr, '', path);
    }
    const recs = parseNdjson(r.stdout);
    const input = countLines(path);
    for (const rec of recs) {
      assert.equal(rec.source, path);
      assert.ok(Number.isInteger(rec.line) && rec.line >= 1 && rec.line <= input, `${path}: line ${rec.line}`);
      assert.ok(Number.isInteger(rec.lines) && rec.lines >= 1, `${path}: lines ${rec.lines}`);
      assert.ok(rec.time === null || ISO.test(rec.time), `${path}:${rec.line}: time ${rec.time}`);
      assert.ok((EVENT_KINDS as readonly string[]).includes(rec.kind), `${path}:${rec.line}: kind ${rec.kind}`);
      assert.equal(typeof rec.text, 'string');
    }
    const sum = recs.reduce((s, e) => s + e.lines, 0);
    assert.equal(sum, input, `${path}: sum(lines)`);
    const unparsed = recs.filter((e) => e.kind === 'unparsed').reduce((s, e) => s + e.lines, 0);
    const parsed = recs.filter((e) => e.kind !== 'unparsed').length;
    const continuation = recs.filter((e) => e.kind !== 'unparsed').reduce((s, e) => s + e.lines - 1, 0);
    assert.equal(parsed + continuation + unparsed, input, `${path}: parsed ${parsed} + continuation ${continuation} + unparsed ${unparsed}`);
    // No line is claimed twice: the records' ranges [line, line+lines) tile 1..N.
    const covered = new Set<number>();
    for (const rec of recs) {
      for (let l = rec.line; l < rec.line + rec.lines; l++) {
        assert.ok(!covered.has(l), `${path}: line ${l} is in two records`);
        covered.add(l);
      }
    }
    assert.equal(covered.size, input, path);
  }
});

test('the hub-log samples are read completely: no unparsed lines, the expected event kinds present', async () => {
  const r = await eventsOf(relative(ROOT, sample('incident-two-days.log')));
  assert.equal(r.code, 0, r.stderr);
  const recs = parseNdjson(r.stdout);
  assert.equal(recs.filter((e) => e.kind === 'unparsed').length, 0);
  const kinds = new Set(recs.map((e) => e.kind));
  for (const k of ['access', 'user-deleted', 'login-refused', 'login-failed', 'login-succeeded', 'culler-culled-server', 'culler-culled-user', 'pvc-deleted', 'pod-deleted', 'proxy-route-removed', 'http-error', 'hub-start', 'hub-shutdown', 'service-start']) {
    assert.ok(kinds.has(k), `no ${k} event`);
  }
});

test('events --only prints exactly the records of those kinds', async () => {
  const path = relative(ROOT, sample('incident-two-days.log'));
  const [all, some] = await Promise.all([eventsOf(path), runCli(['events', '--only', 'login-refused, user-deleted', path])]);
  assert.equal(some.code, 0, some.stderr);
  const want = parseNdjson(all.stdout).filter((e) => e.kind === 'login-refused' || e.kind === 'user-deleted');
  const got = parseNdjson(some.stdout);
  assert.ok(got.length > 10, `only ${got.length} records`);
  assert.deepEqual(got, want);
  const del = got.find((e) => e.kind === 'user-deleted')!;
  assert.deepEqual(Object.keys(del).slice(0, 10), ['source', 'line', 'lines', 'time', 'kind', 'level', 'shape', 'envelope', 'pod', 'container']);
  assert.equal(typeof del.target, 'string');
});

test('events --only with an unknown kind: exit 2, nothing on stdout, one line naming it', async () => {
  const r = await runCli(['events', '--only', 'login-refused,user-deletd', sample('incident-two-days.log')]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 2, r.stderr);
  assert.equal(lines[1], '');
  assert.match(lines[0], /^hubsleuth: unknown event kind\(s\) user-deletd \(known: access, user-deleted, login-refused, .*unparsed\)$/);
});

test('events name the namespace or host an envelope gives (what analyze tells hubs apart by), and nothing where it gives none', async () => {
  const names = async (path: string) => {
    const r = await eventsOf(path);
    const recs = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Rec);
    return new Set(recs.map((e) => JSON.stringify([e.namespace ?? null, e.host ?? null])));
  };
  assert.deepEqual(await names('samples/loki.jsonl'), new Set([JSON.stringify(['jhub', null])]));
  assert.deepEqual(await names('samples/cloud-logging.json'), new Set([JSON.stringify(['jhub', null])]));
  const plain = await eventsOf('samples/incident-two-days.log');
  assert.ok(!/"(?:namespace|host)":/.test(plain.stdout));
});
