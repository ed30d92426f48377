// Times and durations as a reader meets them: one style and one zone in each report, the zone named
// once, durations of at most two units, and --tz (how the log's zone-less times are read) kept apart
// from --display-tz (where the report shows them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

const SAMPLE = 'samples/incident-two-days.log';
const SAMPLES = [
  ...readdirSync(join(ROOT, 'samples')).filter((f) => /\.(log|json|jsonl|ndjson)$/.test(f) && !/\.(expected|truth)\.json$/.test(f)).map((f) => `samples/${f}`),
  ...readdirSync(join(ROOT, 'samples/real')).filter((f) => f.endsWith('.log')).map((f) => `samples/real/${f}`),
];

// Anything that reads as a date and a clock, with whatever follows it that could be a zone.
const TIME = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z| ?UTC\S*| ?[+-]\d\d:?\d\d| Europe\/\w+)?/g;
const times = (s: string): string[] => s.match(TIME) ?? [];
// Quoted log lines keep the times the log wrote, and data-* attributes are for scripts, not readers:
// only the report's own words are held to its style.
const ownWords = (out: string): string => out
  .replace(/^(`{3,})text\n[^]*?\n\1$/gm, '')
  .replace(/<ul class="ev">[^]*?<\/ul>/g, '')
  .replace(/ data-[a-z-]+="[^"]*"/g, '')
  .replace(/"text": "(?:[^"\\]|\\.)*"/g, '');
const occurrences = (s: string, what: string): number => s.split(what).length - 1;

async function report(args: string[]): Promise<string> {
  const r = await runCli(['analyze', '--exit-zero', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('one time style and one zone per report', () => {
  for (const file of SAMPLES) {
    test(`${file}: text, markdown and html show local times only, JSON only ISO 8601 UTC`, async () => {
      for (const format of ['text', 'markdown', 'html']) {
        const out = await report([file, '--format', format, '--display-tz', 'Europe/Berlin']);
        const odd = times(ownWords(out)).filter((t) => !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(t));
        assert.deepEqual(odd, [], `${format}: times not in the report's style`);
        assert.doesNotMatch(ownWords(out), /\bUTC\b/, `${format}: a second zone`);
      }
      const json = await report([file, '--format', 'json', '--display-tz', 'Europe/Berlin']);
      assert.deepEqual(times(ownWords(json)).filter((t) => !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t)), [], 'json: times not in ISO 8601 UTC');
    });
  }

  test('the zone is named once in the text and Markdown reports', async () => {
    const text = await report([SAMPLE, '--display-tz', 'Europe/Berlin']);
    assert.equal(occurrences(text, 'Europe/Berlin'), 1);
    assert.match(text, /Times in Europe\/Berlin\.$/m);
    const md = await report([SAMPLE, '--format', 'markdown', '--display-tz', '+05:30']);
    assert.equal(occurrences(md, 'UTC+05:30'), 1);
    assert.match(md, /^- \*\*Times:\*\* UTC\+05:30$/m);
  });

  test('times in the verdict and findings sentences are in the display zone too', async () => {
    const text = await report([SAMPLE, '--display-tz', 'Europe/Berlin', '--wide']);
    assert.match(text, /were refused 15 times since 2025-05-13 15:02:52\./);
    assert.match(text, /^\[error\] The deletions came back after a hub restart \(pattern-recurred\): The culler deleted users again after the hub restart at 2025-05-14 12:31:52: /m);
    assert.match(text, /^Hub starts: 2025-05-13 09:58:13 \(4\.1\.5\), 2025-05-14 12:31:52 \(4\.1\.5\)$/m);
  });
});

describe('durations', () => {
  test('the culler\'s inactivity and settings read in at most two units', async () => {
    const text = await report([SAMPLE, '--wide']);
    assert.match(text, /^1 {3}frank {13}2025-05-13 08:58:15 {2}culler {2}jupyterhub-idle-culler {2}1 h 0 min {5}/m);
    assert.match(text, /^4 {3}bob {15}2025-05-13 11:18:17 {2}culler {2}jupyterhub-idle-culler {2}1 h 7 min {5}/m);
    assert.match(text, /; timeout 1 h 0 min \(3600 s\); every 10 min 0 s \(600 s\)$/m);
    for (const format of ['text', 'markdown', 'html']) {
      const out = await report([SAMPLE, '--format', format]);
      assert.doesNotMatch(ownWords(out), /\d:\d\d:\d\d\.\d{6}/, `${format}: a raw timedelta`);
      assert.doesNotMatch(ownWords(out), /\d+ (?:d|h|min|s) \d+ (?:h|min|s) \d+ (?:min|s)\b/, `${format}: three units`);
    }
  });
});

describe('--tz and --display-tz', () => {
  test('--tz reads the log\'s zone-less times; the report still shows UTC', async () => {
    const json = JSON.parse(await report([SAMPLE, '--format', 'json', '--tz', '+02:00'])) as { incidents: Array<{ deletedAt: string }> };
    assert.equal(json.incidents[0].deletedAt, '2025-05-13T06:58:15.433Z');
    const text = await report([SAMPLE, '--tz', '+02:00']);
    assert.match(text, /^1 +frank +2025-05-13 06:58:15 /m);
    assert.match(text, /Times in UTC\.$/m);
  });

  test('--display-tz moves what is shown, never what was read', async () => {
    const json = JSON.parse(await report([SAMPLE, '--format', 'json', '--display-tz', '+02:00'])) as { incidents: Array<{ deletedAt: string }> };
    assert.equal(json.incidents[0].deletedAt, '2025-05-13T08:58:15.433Z');
    const text = await report([SAMPLE, '--display-tz', '+02:00']);
    assert.match(text, /^1 +frank +2025-05-13 10:58:15 /m);
    assert.match(text, /Times in UTC\+02:00\.$/m);
  });

  test('an unknown display zone is a usage error that names the option', async () => {
    const r = await runCli(['analyze', SAMPLE, '--display-tz', 'Mars/Olympus']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'hubsleuth: --display-tz: unknown time zone "Mars/Olympus": use an IANA name like Europe/Berlin or an offset like +02:00\n');
  });

  test('--help tells the two apart', async () => {
    const r = await runCli(['analyze', '--help']);
    assert.match(r.stdout, /--tz <zone> +how to read log times that carry no zone/);
    assert.match(r.stdout, /--display-tz <zone> +zone the report shows its times in/);
  });
});
