import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { MAX_LANES } from '../../src/report/html/chart.js';
import type { Report } from '../../src/core/model/report.js';
import { formatTime, zoneOffsetMinutes } from '../../src/report/time.js';
import { HOSTILE, fixtureReport, largeReport } from './html-fixture.js';

const render = (r: Report, tz?: string): string => renderHtml(r, { color: false, tz });
const count = (html: string, re: RegExp): number => (html.match(re) ?? []).length;
const svgOf = (html: string): string => /<svg[^>]*class="timeline"[\s\S]*?<\/svg>(?=<figcaption)/.exec(html)?.[0] ?? '';

describe('formatTime', () => {
  it('shows UTC by default, the zone left to the report to name once', () => {
    assert.equal(formatTime('2025-07-10T13:48:03.271Z'), '2025-07-10 13:48:03');
    assert.equal(formatTime('2025-07-10T13:48:03.271Z', 'UTC'), '2025-07-10 13:48:03');
  });
  it('shifts to IANA zones, following DST', () => {
    assert.equal(formatTime('2025-07-10T13:48:03.271Z', 'Europe/Berlin'), '2025-07-10 15:48:03');
    assert.equal(formatTime('2025-01-10T13:48:03.000Z', 'Europe/Berlin'), '2025-01-10 14:48:03');
    assert.equal(formatTime('2025-07-10T02:00:00.000Z', 'America/New_York'), '2025-07-09 22:00:00');
  });
  it('accepts fixed offsets', () => {
    assert.equal(formatTime('2025-07-10T13:48:03.000Z', '+05:30'), '2025-07-10 19:18:03');
    assert.equal(formatTime('2025-07-10T01:00:00.000Z', '-0300'), '2025-07-09 22:00:00');
  });
  it('rejects unknown zones with a usable message and keeps unparseable input', () => {
    assert.throws(() => formatTime('2025-07-10T13:48:03Z', 'Mars/Olympus'), /unknown time zone "Mars\/Olympus"/);
    assert.equal(formatTime('not a time'), 'not a time');
    assert.equal(zoneOffsetMinutes(Date.parse('2025-07-10T00:00:00Z'), 'Asia/Kathmandu'), 345);
  });
});

describe('renderHtml', () => {
  const report = fixtureReport({ hostile: true });
  const html = render(report);
  const svg = svgOf(html);

  it('is one self-contained document with no script or external reference', () => {
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link|<iframe|@import|url\((?!#)/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /@media print/);
  });

  it('draws one deletion marker per incident, distinguishing culler and admin', () => {
    assert.ok(svg, 'timeline svg present');
    assert.match(svg, /^<svg[^>]*role="img"/);
    assert.match(svg, /<title id="tl-title">/);
    assert.match(svg, /<desc id="tl-desc">5 deletions of 4 users/);
    assert.equal(count(svg, /data-kind="deletion"/g), report.incidents.length);
    assert.equal(count(svg, /data-kind="deletion" data-by="culler"/g), 4);
    assert.equal(count(svg, /data-kind="deletion" data-by="admin" data-user="bob"/g), 1);
    assert.equal(count(svg, /data-kind="deletion"[^>]*data-user="gus"/g), 2);
    assert.equal(count(svg, /data-kind="restored" data-by="login"/g), report.incidents.filter((i) => i.restoredAt).length);
    assert.equal(count(svg, /data-kind="hub-start"/g), 2);
    assert.match(svg, /data-kind="culler-cycles" data-every="300"/);
  });

  it('draws every attributed denial (marks may merge; their counts add up)', () => {
    const drawn = [...svg.matchAll(/data-kind="denial"[^>]*data-count="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    assert.equal(drawn, [...report.denials].filter((d) => d.user !== null).length);
    assert.equal(count(html, /data-kind="denial-row"/g), report.denials.length);
  });

  it('puts the most affected user in the first lane and lists every incident in the table', () => {
    assert.match(svg, /<g class="lane" data-user="dana">/);
    assert.ok(svg.indexOf('data-user="dana"') < svg.indexOf('data-user="bob"'));
    assert.equal(count(html, /<tr data-incident="\d+"/g), report.incidents.length);
    assert.match(html, /<a href="#ev-0">/);
    assert.match(html, /<span class="loc">hub\.log:241<\/span>/);
  });

  it('escapes hostile user names everywhere', () => {
    assert.ok(!html.includes(HOSTILE));
    assert.doesNotMatch(html, /<img/i);
    const escaped = '&lt;img src=https://evil.invalid/x onerror=&quot;window.__pwned=1;alert(1)&quot;&gt;';
    assert.ok(count(html, new RegExp(escaped.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'g')) >= 4);
    const tricky = fixtureReport();
    tricky.incidents[0].user = `a'b"c&d`;
    tricky.verdict.summary = '</p><script>x()</script>';
    const out = render(tricky);
    assert.match(out, /data-user="a&#39;b&quot;c&amp;d"/);
    assert.ok(out.includes('&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;'));
  });

  it('shows the recovered culler settings and marks inferred ones', () => {
    assert.match(html, /data-setting="timeoutSeconds"><th scope="row">[^<]*<code>--timeout<\/code>\)<\/th><td>2 h 0 min \(7200 s\)<\/td>/);
    assert.match(html, /data-setting="everySeconds">.*?5 min 0 s \(300 s\)<span class="inferred"/);
    assert.match(html, /<li>Set <code>cull\.users: false<\/code> in the chart values/);
    assert.match(html, /data-finding="pattern-recurred"/);
  });

  it('states UTC by default and follows options.tz', () => {
    assert.match(html, /2025-07-10 13:48:03/);
    assert.match(html, /Times in UTC/);
    const berlin = render(report, 'Europe/Berlin');
    assert.match(berlin, /2025-07-10 15:48:03/);
    assert.match(berlin, /Times in Europe\/Berlin/);
    assert.match(berlin, /<tr data-incident="0"[^]*?<span class="t">2025-07-10<\/span> <span class="t">15:48:03<\/span>/);
    assert.doesNotMatch(berlin, /UTC/);
    assert.match(svgOf(berlin), /class="zone"[^>]*>Europe\/Berlin</);
    const india = render(report, '+05:30');
    assert.match(india, /2025-07-10 19:18:03/);
    assert.match(india, /Times in UTC\+05:30/);
    assert.throws(() => render(report, 'Nowhere/Special'), RangeError);
  });

  it('stays small for the 2-day fixture', () => {
    assert.ok(Buffer.byteLength(html) < 300_000, `${Buffer.byteLength(html)} bytes`);
  });

  it('handles a single user and a report with no incidents', () => {
    const one = fixtureReport();
    one.incidents = [one.incidents[0]];
    one.denials = [...one.denials].filter((d) => d.user === 'dana').map((d) => ({ ...d, incident: 0 }));
    const s = svgOf(render(one));
    assert.equal(count(s, /<g class="lane"/g), 1);
    assert.equal(count(s, /data-kind="deletion"/g), 1);
    const none = fixtureReport();
    none.incidents = [];
    none.denials = [];
    none.verdict = { ...none.verdict, rootCause: 'none', summary: 'No user was deleted.', remediation: [] };
    const out = render(none);
    assert.match(out, /No user was deleted in these logs/);
    assert.doesNotMatch(out, /class="timeline"/);
  });

  it('caps the chart at the most affected users for a 1,000-user run and stays under 3 MB', () => {
    const big = largeReport(1000);
    const out = render(big);
    const s = svgOf(out);
    assert.ok(Buffer.byteLength(out) < 3_000_000, `${Buffer.byteLength(out)} bytes`);
    assert.equal(count(s, /<g class="lane"/g), MAX_LANES);
    assert.match(s, /960 more users in the table below/);
    assert.equal(count(out, /<tr data-incident="\d+"/g), 1000);
    const firstLane = /<g class="lane" data-user="([^"]+)"/.exec(s)![1];
    const maxDenials = Math.max(...big.incidents.map((i) => i.denials));
    assert.equal(big.incidents.find((i) => i.user === firstLane)!.denials, maxDenials);
  });
});
