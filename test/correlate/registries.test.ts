// The registries of src/correlate are the JSON contract's vocabulary: the schema's enums list
// exactly their ids, each entry is one file named for it, and the model's unions are their ids
// (a mistyped id does not compile: the @ts-expect-error lines below fail the build if it would).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { CAUSES, causeOf } from '../../src/correlate/causes/index.js';
import { FINDINGS } from '../../src/correlate/findings/index.js';
import { VERDICTS } from '../../src/correlate/verdicts/index.js';
import { DenialTable } from '../../src/correlate/denials.js';
import type { DenialCause, FindingKind, RootCause } from '../../src/core/model/report.js';
import type { RefusedRequest } from '../../src/correlate/causes/types.js';
import { Events } from './events.js';

interface Schema { definitions: Record<string, { properties: Record<string, { enum?: string[]; description?: string }> }> }
const schema = JSON.parse(readFileSync(resolve(ROOT, 'schema/report-v1.schema.json'), 'utf8')) as Schema;
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const entryFiles = (folder: string) => readdirSync(resolve(ROOT, 'src/correlate', folder))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts', 'words.ts'].includes(f)).map((f) => f.replace(/\.ts$/, '')).sort();

// Compile-time: the model's unions are the registered ids and nothing else.
const cause: DenialCause = 'deleted-by-culler';
const kind: FindingKind = 'allow-list-emptied';
const verdict: RootCause = 'culler-deleted-users';
// @ts-expect-error a cause that is not registered
const badCause: DenialCause = 'deleted-by-culer';
// @ts-expect-error a finding kind that is not registered
const badKind: FindingKind = 'allow-list-empty';
// @ts-expect-error a verdict that is not registered
const badVerdict: RootCause = 'culler';

test('the schema lists exactly the registered causes, finding kinds and verdicts', () => {
  assert.ok([cause, kind, verdict, badCause, badKind, badVerdict].every((s) => typeof s === 'string'));
  assert.deepEqual(sorted(schema.definitions.denial.properties.cause.enum!), sorted(CAUSES.map((c) => c.id)), 'denials[].cause enum ≠ src/correlate/causes');
  assert.deepEqual(sorted(schema.definitions.verdict.properties.rootCause.enum!), sorted(VERDICTS.map((v) => v.id)), 'verdict.rootCause enum ≠ src/correlate/verdicts');
  // Finding kinds stay an open string in the schema (consumers must accept new ones); its description lists them.
  const listed = /: ([a-z|\s-]+);/.exec(schema.definitions.finding.properties.kind.description ?? '')?.[1].split('|').map((s) => s.trim());
  assert.deepEqual(sorted(listed ?? []), sorted(FINDINGS.map((f) => f.kind)), 'findings[].kind description ≠ src/correlate/findings');
});

test('each cause and each finding kind is one file named for it; every verdict file is registered', async () => {
  assert.equal(new Set(CAUSES.map((c) => c.id)).size, CAUSES.length, 'a cause id is registered twice');
  assert.deepEqual(entryFiles('causes'), sorted(CAUSES.map((c) => c.id)));
  assert.deepEqual(entryFiles('findings'), sorted(FINDINGS.map((f) => f.kind)));
  assert.equal(new Set(VERDICTS.map((v) => v.id)).size, VERDICTS.length, 'a verdict id is registered twice');
  // A verdict file exports its rule; `dominant.ts` makes the rule of each cause listed in the registry.
  const registered = new Set(VERDICTS.map((v) => v.id));
  for (const f of entryFiles('verdicts').filter((n) => n !== 'dominant')) {
    const mod = await import(`../../src/correlate/verdicts/${f}.js`) as Record<string, { id?: string; decide?: unknown }>;
    const rules = Object.values(mod).filter((x) => typeof x.decide === 'function');
    assert.equal(rules.length, 1, `${f}.ts exports one verdict`);
    assert.ok(registered.has(rules[0].id as RootCause), `${f}.ts is not in VERDICTS`);
  }
  // Every cause but the deletions (whose stories are told by their own verdicts) has a verdict.
  for (const c of CAUSES) if (!c.id.startsWith('deleted-by-')) assert.ok(VERDICTS.some((v) => v.title === c.story.title), `no verdict for ${c.id}`);
});

test('every cause has the words a report shows', () => {
  for (const c of CAUSES) {
    assert.ok(c.title && c.explanation && c.remediation.length > 0, c.id);
    assert.ok(['critical', 'error', 'warning', 'info'].includes(c.severity), c.id);
  }
});

test('the last cause and the last verdict take whatever reaches them', () => {
  const e = new Events();
  e.access('09:00:00', 403, 'GET', '/hub/', null);
  const r: RefusedRequest = {
    access: e.line(1) as RefusedRequest['access'], traces: [], status: 403, method: 'GET', path: '/hub/', user: null, attributedBy: null,
    component: 'hub', webMessage: null, incident: null, fromCuller: false,
  };
  assert.equal(causeOf(r).id, 'unknown');
  assert.equal(CAUSES[CAUSES.length - 1].recognise(r), true);
  const last = VERDICTS[VERDICTS.length - 1];
  assert.equal(last.id, 'inconclusive');
  assert.notEqual(last.decide({ incidents: [], denials: [], culler: { seen: false, cullsUsers: null, timeoutSeconds: null, everySeconds: null, evidence: [] }, findings: [], seen: { hubRecords: 0, hubStarts: 0, cullerSeen: false, from: null, to: null, spanSeconds: 0, understood: 0 }, coverage: { lines: 0, parsed: 0, unparsed: 0, artifacts: 0, fragments: 0, duplicates: 0 }, count: () => 0 }), null);
});

test('the denial columns store each registered cause and read it back', () => {
  const t = new DenialTable();
  for (const c of CAUSES) t.push({ t: 0, user: 'u', status: 403, method: 'GET', path: '/hub/', cause: c.id, component: 'hub', attributedBy: 'access-line', detail: null, missing: null, incident: null, source: 'hub.log', line: 1 });
  assert.deepEqual([...t].map((d) => d.cause), CAUSES.map((c) => c.id));
  assert.deepEqual([...t.countByCause()], CAUSES.map((c) => [c.id, 1]));
});
