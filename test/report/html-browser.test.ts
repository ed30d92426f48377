// Opens the HTML report in a real headless Chromium: the markers must be in the DOM, the page
// must make no request beyond its own file, and a hostile user name must stay text. The incident
// sample and the several-hubs report of samples/ are laid out at 1200 and 800 px and measured.
// Renders the incident sample through the CLI when that exists, else the hand-built fixture.
// HUBSLEUTH_UPDATE_DOCS=1 also refreshes docs/report-screenshot.png and
// docs/report-screenshot-800.png from the incident sample; a normal run writes only test-output/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { MAX_LANES } from '../../src/report/html/chart.js';
import type { Denial, Report } from '../../src/core/model/report.js';
import { HOSTILE, fixtureReport } from './html-fixture.js';
import { cardsAndSummaries, gridBeforeMarks, midWordBreaks, restartReturns, textOverlaps } from './html-layout.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = process.cwd();
const OUT = resolve(ROOT, 'test-output');
const CLI = resolve(ROOT, 'dist/src/cli/main.js');
const SAMPLE = resolve(ROOT, 'samples/incident-two-days.log');
const SAMPLES = resolve(ROOT, 'samples');
/** A long name with no break opportunity in it, that still fits a line at 800 px, for one of the sample's users. */
const LONG_NAME = 'margarethe.vanderberghe@physics.example.edu';
const renamed = (r: Report, from: string, to: string): Report => JSON.parse(JSON.stringify(r).replaceAll(from, to)) as Report;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The sample's report from the real CLI, or null (with the reason) when it cannot be had yet. */
function sampleReport(): { report: Report | null; why: string } {
  if (!existsSync(CLI) || !existsSync(SAMPLE)) return { report: null, why: 'CLI or sample not built yet' };
  const run = spawnSync(process.execPath, [CLI, 'analyze', '--format', 'json', SAMPLE], { encoding: 'utf8', timeout: 60_000 });
  try {
    const report = JSON.parse(run.stdout) as Report;
    if (report.schema === 'hubsleuth.report/v1' && Array.isArray(report.incidents)) return { report, why: 'sample' };
  } catch { /* reported below */ }
  return { report: null, why: `CLI exited ${run.status} without a JSON report: ${run.stderr.slice(0, 300)}` };
}

/** The several-hubs report of samples/ as the CLI writes it, or null (with the reason). */
function hubsHtml(): { html: string | null; why: string } {
  if (!existsSync(CLI)) return { html: null, why: 'CLI not built yet' };
  const run = spawnSync(process.execPath, [CLI, 'analyze', '--format', 'html', SAMPLES], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  return run.stdout.startsWith('<!DOCTYPE html>') ? { html: run.stdout, why: 'samples/' } : { html: null, why: `CLI exited ${run.status}: ${run.stderr.slice(0, 300)}` };
}

/** A deleted, refused user whose name is markup, dropped into whatever report we test. */
function withHostileUser(report: Report): Report {
  const r = structuredClone(report);
  const times = r.incidents.map((i) => Date.parse(i.deletedAt)).sort((a, b) => a - b);
  const del = times.length ? times[Math.floor(times.length / 2)] : Date.parse(r.inputs[0]?.first ?? '2025-07-10T12:00:00Z');
  const denied = new Date(del + 3600_000).toISOString();
  const idx = r.incidents.length;
  r.incidents.push({ user: HOSTILE, deletedAt: new Date(del).toISOString(), deletedBy: 'culler', actor: 'jupyterhub-idle-culler',
    inactiveFor: '2:00:00', denials: 1, firstDeniedAt: denied, lastDeniedAt: denied, restoredAt: null, restoredBy: null,
    evidence: [{ source: 'hub.log', line: 1, text: `Deleting user ${HOSTILE}` }] });
  (r.denials as Denial[]).push({ at: denied, user: HOSTILE, status: 403, method: 'GET', path: `/hub/user/${HOSTILE}/`, cause: 'deleted-by-culler',
    component: 'hub', attributedBy: 'path', detail: null, missing: null, incident: idx, source: 'hub.log', line: 2 });
  return r;
}

describe('HTML report in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser | undefined;
  let tmp = '';
  let skip: string | false = false;

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing; CI must install Debian's chromium package`);
      skip = `${CHROMIUM} not installed (apt-get install chromium); browser test skipped`;
      return;
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-html-'));
    mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function open(html: string, name: string, deviceScaleFactor = 1, width = 1200): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[]; url: string }> {
    const file = join(tmp, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser!.newPage({ viewport: { width, height: 900 }, deviceScaleFactor });
    const requests: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, dialogs, errors, url };
  }

  it('shows every incident, makes no request and runs nothing from the logs', async (t) => {
    if (skip) return t.skip(skip);
    const sample = sampleReport();
    if (!sample.report && process.env.HUBSLEUTH_BROWSER_REPORT === 'sample') assert.fail(sample.why);
    t.diagnostic(sample.report ? 'rendering the incident sample via the CLI' : `rendering the fixture (${sample.why})`);
    const report = withHostileUser(sample.report ?? fixtureReport());
    const { page, requests, dialogs, errors, url } = await open(renderHtml(report, { color: false }), 'report.html');

    const marks = await page.$$eval('svg.timeline [data-kind="deletion"]', (els) =>
      els.map((e) => ({ user: e.getAttribute('data-user'), incident: Number(e.getAttribute('data-incident')) })));
    const users = new Set(report.incidents.map((i) => i.user));
    const drawnUsers = new Set(marks.map((m) => m.user));
    assert.equal(drawnUsers.size, Math.min(users.size, MAX_LANES));
    for (const u of drawnUsers) {
      assert.equal(marks.filter((m) => m.user === u).length, report.incidents.filter((i) => i.user === u).length, `markers of ${u}`);
    }
    if (users.size <= MAX_LANES) {
      assert.deepEqual(marks.map((m) => m.incident).sort((a, b) => a - b), report.incidents.map((_, i) => i));
    }
    const rows = await page.$$eval('#incidents tbody tr', (els) => els.map((e) => Number(e.getAttribute('data-incident'))));
    assert.deepEqual(rows.sort((a, b) => a - b), report.incidents.map((_, i) => i));
    const hubLines = await page.locator('svg.timeline [data-kind="hub-start"]').count();
    assert.equal(hubLines, report.hubStarts.length);

    assert.deepEqual(requests, [url], `unexpected requests: ${requests.join(', ')}`);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await page.locator('img, script').count(), 0);
    const cells = await page.$$eval('#incidents td.user', (els) => els.map((e) => e.textContent));
    assert.ok(cells.includes(HOSTILE), 'hostile name shown as text');

    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    await page.close();
  });

  for (const [width, docs] of [[1200, 'report-screenshot.png'], [800, 'report-screenshot-800.png']] as const) {
    it(`renders the incident sample (else the fixture) at ${width} px for the docs screenshot`, async (t) => {
      if (skip) return t.skip(skip);
      const report = sampleReport().report ?? fixtureReport();
      const { page, requests, url } = await open(renderHtml(report, { color: false }), `docs-${width}.html`, 2, width);
      assert.deepEqual(requests, [url]);
      assert.equal(await page.locator('svg.timeline [data-kind="deletion"]').count(), report.incidents.length);
      const box = await page.locator('#timeline').boundingBox();
      assert.ok(box && box.height > 100, 'timeline has a size');
      const clip = { x: 0, y: 0, width, height: Math.ceil(box.y + box.height + 24) };
      await page.screenshot({ path: join(OUT, `report-top-${width}.png`), clip, fullPage: true });
      if (process.env.HUBSLEUTH_UPDATE_DOCS === '1') {
        await page.screenshot({ path: resolve(ROOT, 'docs', docs), clip, fullPage: true });
      }
      await page.close();
    });
  }

  // The incident sample (one user given a long name) and the several-hubs report, at both widths.
  const layouts = (): Array<{ name: string; html: string | null; why: string }> => {
    const sample = sampleReport();
    const hubs = hubsHtml();
    return [
      { name: 'incident sample', html: sample.report && renderHtml(renamed(sample.report, 'dana@example.org', LONG_NAME), { color: false }), why: sample.why },
      { name: 'several hubs', html: hubs.html, why: hubs.why },
    ];
  };
  let pages: ReturnType<typeof layouts> | undefined;
  for (const which of ['incident sample', 'several hubs']) {
    for (const width of [1200, 800]) {
      it(`lays out the ${which} at ${width} px: no overlap, marks over the grid, whole words, returns at restarts, cards as the summary`, async (t) => {
        if (skip) return t.skip(skip);
        pages ??= layouts();
        const p = pages.find((x) => x.name === which)!;
        if (!p.html) {
          if (process.env.HUBSLEUTH_BROWSER_REPORT === 'sample') assert.fail(p.why);
          return t.skip(p.why);
        }
        const { page, requests, url } = await open(p.html, `layout-${which.replace(/ /g, '-')}-${width}.html`, 1, width);
        assert.deepEqual(requests, [url]);
        const over = await page.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1 && !e.parentElement?.closest('div.wide')).slice(0, 5).map((e) => `${e.tagName}.${e.className.toString()} ${Math.round(e.getBoundingClientRect().right)}`), width);
        assert.deepEqual(over, [], 'no page-wide horizontal scroll');

        assert.deepEqual(await textOverlaps(page), []);

        const order = await gridBeforeMarks(page);
        assert.ok(order.length > 0 && order.every((o) => o.lines > 0 && o.marks > 0), JSON.stringify(order));
        assert.deepEqual(order.filter((o) => o.late > 0), [], 'every grid and hub-start line is painted before the marks');

        const words = await midWordBreaks(page, '.user, ul.ev li');
        assert.ok(words.checked > 20, `${words.checked} names and evidence lines checked`);
        assert.deepEqual(words.breaks, []);

        const returns = await restartReturns(page);
        const expected = (p.html.match(/data-kind="restored" data-by="restart"/g) ?? []).length;
        assert.ok(returns.length === expected && (which !== 'incident sample' || expected > 0), `${returns.length} returns at a restart of ${expected}`);
        assert.deepEqual(returns.filter((r) => !r.onHubLine || !r.bandEnds), [], 'access back at the hub restart: its line, and the missing band ends there');

        for (const { cards, summary, rows } of await cardsAndSummaries(page)) cardsAgree(cards, summary, rows);
        await page.close();
      });
    }
  }
});

/** The figures beside a summary count what the summary says, and the refusal figures add up to the table. */
function cardsAgree(cards: Record<string, number>, summary: string, rows: number): void {
  const said: Array<[RegExp, string[]]> = [
    [/The idle culler deleted (\d+) users?/, ['Users deleted by the idle culler']],
    [/(\d+) users? \([^)]*\) (?:was|were) refused (\d+) times?/, ['Users refused since', 'Refused after the deletion']],
    [/^(\d+) of (\d+) refused requests/, ['', 'Refused requests']],
    [/(\d+) hub starts?\b/, ['Hub starts']],
  ];
  let checked = 0;
  for (const [re, labels] of said) {
    const m = re.exec(summary);
    if (!m) continue;
    labels.forEach((label, k) => {
      if (!label) return;
      assert.equal(cards[label], Number(m[k + 1]), `card "${label}" beside: ${summary}`);
      checked++;
    });
  }
  if (/none of them has been refused since/.test(summary)) {
    assert.equal(cards['Refused after the deletion'], 0, summary);
    checked++;
  }
  assert.ok(checked > 0, `no figure of this summary is checked against the cards: ${summary}`);
  const refused = (cards['Refused after the deletion'] ?? 0) + (cards['Other refused requests'] ?? 0) + (cards['Refused requests'] ?? 0);
  assert.equal(refused, rows, `refusal cards ${JSON.stringify(cards)} against ${rows} rows`);
}
