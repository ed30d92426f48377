// One vocabulary: every verdict, finding and cause a report names is named by its registry entry's
// title, word for word, in every format and in `watch`'s alerts. Each format is read where it
// shows a title (the verdict line, each finding's head, each cause's head), so a format that wrote
// its own wording, or a second title kept beside the first, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import type { ReportJson } from '../../src/core/model/report.js';
import { VERDICTS } from '../../src/correlate/verdicts/index.js';
import { FINDINGS } from '../../src/correlate/findings/index.js';
import { CAUSES } from '../../src/correlate/causes/index.js';
import { mdEscape } from '../../src/report/markdown-escape.js';

const samples = ['samples', 'samples/real'].flatMap((d) => readdirSync(join(ROOT, d))
  .filter((f) => /\.(log|json|jsonl|ndjson)$/.test(f) && !/\.(expected|truth)\.json$/.test(f))
  .map((f) => `${d}/${f}`));

const verdictTitle = (id: string) => VERDICTS.find((v) => v.id === id)?.title;
const findingTitle = (kind: string) => FINDINGS.find((f) => f.kind === kind)?.title;
const causeTitle = (id: string) => CAUSES.find((c) => c.id === id)?.title;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
/** An HTML fragment's text: tags dropped, the escaper's entities read back. */
const htmlText = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e]).trim();
const all = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => m.slice(1));
/** Causes are listed most frequent first, the JSON's in registry order: compared as sets. */
const sorted = (pairs: string[][]) => pairs.map((p) => p.join(' | ')).sort();

test('every format and watch name verdicts, findings and causes by their registry titles, on every sample', { timeout: 300_000 }, async () => {
  assert.ok(samples.length >= 12);
  const seen = { verdicts: new Set<string>(), findings: new Set<string>(), causes: new Set<string>(), alerts: 0 };
  for (const s of samples) {
    const [json, text, md, html, watch] = await Promise.all([
      runCli(['analyze', '--format', 'json', '--exit-zero', s]),
      runCli(['analyze', '--wide', '--exit-zero', s]),
      runCli(['analyze', '--format', 'markdown', '--exit-zero', s]),
      runCli(['analyze', '--format', 'html', '--exit-zero', s]),
      runCli(['watch', '--every', '0', '--format', 'ndjson', s]),
    ]);
    for (const r of [json, text, md, html, watch]) assert.equal(r.code, 0, `${s}: ${r.stderr}`);
    const report = JSON.parse(json.stdout) as ReportJson;
    const v = report.verdict;
    const findings = report.findings.map((f) => ({ ...f, registry: findingTitle(f.kind) }));
    const causes = Object.entries(report.causes).map(([id, c]) => ({ id, ...c, registry: causeTitle(id) }));
    seen.verdicts.add(v.rootCause);
    for (const f of findings) seen.findings.add(f.kind);
    for (const c of causes) seen.causes.add(c.id);

    // JSON: the words are the registry's, and the verdict carries one title only.
    assert.equal(v.title, verdictTitle(v.rootCause), s);
    assert.deepEqual(Object.keys(v).filter((k) => /title|headline/i.test(k)), ['title'], s);
    for (const f of findings) assert.equal(f.title, f.registry, `${s}: finding ${f.kind}`);
    for (const c of causes) assert.equal(c.title, c.registry, `${s}: cause ${c.id}`);

    // Text: the verdict line, `[severity] <title> (<kind>): …`, `<id> (<count>): <title>. …`.
    const lines = text.stdout.split('\n');
    assert.ok(lines.includes(`Verdict: ${v.rootCause} (confidence ${v.confidence}) — ${v.title}`), `${s}: text verdict\n${text.stdout}`);
    assert.deepEqual(all(text.stdout, /^\[(?:critical|error|warning|info)\] (.+?) \(([a-z-]+)\): /gm),
      findings.map((f) => [f.registry, f.kind]), `${s}: text findings`);
    assert.deepEqual(sorted(all(text.stdout, /^([a-z-]+) \(\d+\): (.+?)\. /gm).filter(([id]) => causeTitle(id))),
      sorted(causes.map((c) => [c.id, c.registry!])), `${s}: text causes`);

    // Markdown: the heading, the root-cause line, each finding's and each cause's bullet.
    assert.ok(md.stdout.startsWith(`# Incident report: ${mdEscape(v.title)}\n`), `${s}: markdown heading`);
    assert.ok(md.stdout.includes(`**\`${v.rootCause}\`** (confidence ${v.confidence}): ${mdEscape(v.title)}.`), `${s}: markdown root cause`);
    assert.deepEqual(all(md.stdout, /^- \*\*(?:critical|error|warning|info)\*\* (.+?) \(`([a-z-]+)`\): /gm),
      findings.map((f) => [mdEscape(f.registry), f.kind]), `${s}: markdown findings`);
    assert.deepEqual(sorted(all(md.stdout, /^- \*\*(.+?)\*\* \(`([a-z-]+)`, \d+\): /gm)),
      sorted(causes.map((c) => [c.registry!, c.id])), `${s}: markdown causes`);

    // HTML: the page's heading, each finding's title, each cause's heading.
    const h1 = /<h1>(.*?) <span class="badge/.exec(html.stdout)?.[1];
    assert.equal(htmlText(h1 ?? ''), v.title, `${s}: html heading`);
    assert.deepEqual(all(html.stdout, /data-finding="([a-z-]+)"><h3>.*?<span class="title">(.*?)<\/span>/g).map(([k, t]) => [k, htmlText(t)]),
      findings.map((f) => [f.kind, f.registry]), `${s}: html findings`);
    assert.deepEqual(sorted(all(html.stdout, /<div class="cause" data-cause="([a-z-]+)"><h3>(.*?) <span/g).map(([id, t]) => [id, htmlText(t)])),
      sorted(causes.map((c) => [c.id, c.registry!])), `${s}: html causes`);

    // watch: a refusal alert carries its cause's title, a recurrence the finding's.
    for (const line of watch.stdout.split('\n').filter(Boolean)) {
      const a = JSON.parse(line) as { kind: string; title?: string; cause?: string };
      if (a.kind === 'denied-after-deletion') {
        assert.equal(a.title, causeTitle(a.cause ?? ''), `${s}: ${line}`);
        assert.equal(a.title, report.causes[a.cause as keyof typeof report.causes]?.title, `${s}: the alert's cause is the report's`);
        seen.alerts++;
      } else if (a.kind === 'recurrence') {
        assert.equal(a.title, findingTitle('pattern-recurred'), `${s}: ${line}`);
        seen.alerts++;
      } else {
        assert.equal(a.title, undefined, `${s}: ${line}`);
      }
    }
  }
  // The samples must reach far enough for the checks above to mean something.
  assert.ok(seen.verdicts.size >= 3 && seen.findings.size >= 3 && seen.causes.size >= 4 && seen.alerts > 10, JSON.stringify({ ...seen, verdicts: [...seen.verdicts], findings: [...seen.findings], causes: [...seen.causes] }));
});
