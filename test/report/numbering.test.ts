// One incident, one number, in every format: numbered from 1 in the order of the deletions, so
// "incident 3" in a ticket is the same deletion in the terminal, the Markdown and the HTML page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { tableAfter } from '../helpers/text-table.js';
import type { ReportJson } from '../../src/core/model/report.js';

const SAMPLE = 'samples/incident-two-days.log';
const shown = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

async function out(...args: string[]): Promise<string> {
  const r = await runCli(['analyze', '--exit-zero', SAMPLE, ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

test('incidents are numbered from 1 in time order in text, Markdown and HTML alike', async () => {
  const report = JSON.parse(await out('--format', 'json')) as ReportJson;
  const deleted = report.incidents.map((i) => i.deletedAt);
  assert.deepEqual(deleted, [...deleted].sort(), 'the JSON lists incidents in time order');
  const want = report.incidents.map((i, k) => [String(k + 1), i.user, shown(i.deletedAt)]);

  const text = tableAfter(await out('--wide'), /^Incidents \(/).slice(1).map((r) => r.slice(0, 3));
  assert.deepEqual(text, want);

  const md = (await out('--format', 'markdown')).split('\n').filter((l) => /^\| \d+ \| /.test(l)).map((l) => l.split(' | ').slice(0, 3).map((c) => c.replace(/^\| /, '')));
  assert.deepEqual(md, want);

  // The HTML table follows the chart's lanes (most affected user first), so compare by number.
  const html = await out('--format', 'html');
  const rows = [...html.matchAll(/<tr data-incident="(\d+)"[^>]*><td class="num">(\d+)<\/td><td class="user">([^<]*)<\/td><td>(.*?)<\/td>/g)];
  assert.equal(rows.length, report.incidents.length);
  for (const [, index, number, user] of rows) {
    assert.equal(Number(number), Number(index) + 1);
    assert.equal(user, report.incidents[Number(index)].user);
  }
  assert.deepEqual(rows.map((r) => Number(r[2])).sort((a, b) => a - b), want.map((w) => Number(w[0])));
});
