// The generator is the ground truth for benchmarks and samples: it must be reproducible, honour
// --size, and its recorded truth must match the lines it wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { generate, parseSize } from '../../bench/generate.js';

/** A sink that keeps the text (small sizes only). */
function collect() {
  const parts: string[] = [];
  const w = new Writable({ write(chunk, _enc, cb) { parts.push(String(chunk)); cb(); } });
  return { w, text: () => parts.join('') };
}

async function gen(o: Parameters<typeof generate>[1]) {
  const c = collect();
  const r = await generate(c.w, o);
  return { ...r, text: c.text() };
}

test('same seed gives the same bytes, another seed other bytes', async () => {
  const h = (s: string) => createHash('sha256').update(s).digest('hex');
  const a = await gen({ size: 300_000, seed: 7 });
  const b = await gen({ size: 300_000, seed: 7 });
  const c = await gen({ size: 300_000, seed: 8 });
  assert.equal(h(a.text), h(b.text));
  assert.notEqual(h(a.text), h(c.text));
});

test('--size stops at about that many bytes, on a line boundary', async () => {
  const r = await gen({ size: 200_000, seed: 1 });
  assert.equal(Buffer.byteLength(r.text), r.bytes);
  assert.ok(r.bytes >= 200_000 && r.bytes < 200_000 + 20_000, `bytes ${r.bytes}`);
  assert.ok(r.text.endsWith('\n'));
  assert.equal(r.text.split('\n').length - 1, r.lines);
  assert.equal(parseSize('200MB'), 200 * 1048576);
  assert.equal(parseSize('1GB'), 1073741824);
});

test('truth matches the lines written', async () => {
  const r = await gen({ days: 3, users: 60, seed: 3, debug: false, truthLimit: Infinity });
  const lines = r.text.split('\n');
  const t = r.truth;
  const culling = lines.filter((l) => /^\[I \d{6} \d\d:\d\d:\d\d __init__:371\] Culling user /.test(l)).length;
  assert.ok(culling > 0);
  assert.equal(culling, t.counts.deletionsByCuller);
  const userDeletes = lines.filter((l) => / 204 DELETE \/hub\/api\/users\/[^/ ]+ \(/.test(l)).length;
  assert.equal(userDeletes, t.counts.deletions);
  assert.equal(lines.filter((l) => / log:192\] 403 /.test(l)).length, t.counts.denials);
  assert.equal(lines.filter((l) => /Running JupyterHub version 4\.1\.5$/.test(l)).length, t.counts.hubStarts);
  for (const d of t.deletions) {
    const l = lines[d.line - 1];
    assert.ok(l.includes(`204 DELETE /hub/api/users/${d.user} (${d.actor}@`), l);
    assert.ok(l.includes(d.deletedAt.slice(0, 10) + ' ' + d.deletedAt.slice(11, 23)), `${l} vs ${d.deletedAt}`);
    if (d.cullerLine) assert.ok(lines[d.cullerLine - 1].includes(`Culling user ${d.user} (inactive for ${d.inactiveFor})`));
  }
  for (const d of t.denials) {
    assert.match(lines[d.line - 1], / log:192\] 403 /);
    if (d.cause === 'deleted-by-culler') assert.ok(d.incident !== null && t.deletions[d.incident].user === d.user);
  }
});

test('truth stays bounded for big outputs', async () => {
  const r = await gen({ size: 3_000_000, seed: 5, truthLimit: 10 });
  assert.ok(r.truth.deletions.length <= 10 && r.truth.denials.length <= 10);
  assert.ok(r.truth.counts.denials >= r.truth.denials.length);
});
