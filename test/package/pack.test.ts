// The package as the README's install section gets it, without the registry: `npm pack`, install the
// tarball into an empty prefix from npm's cache alone, run the installed `hubsleuth` and
// `kubectl-hubsleuth` (as `kubectl hubsleuth` too); and `npm install -g .` from the clone. Catches a
// `files` list that misses a runtime module, a dev file in the tarball, or a run-time dependency on
// the TypeScript toolchain or on the optional database drivers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, sample } from '../helpers/cli.js';
import { skipUnless } from '../helpers/skip.js';

const run = promisify(execFile);
const npmAvailable = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
const kubectlAvailable = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  version: string; files: string[]; scripts: Record<string, string>; bin: Record<string, string>;
  dependencies: Record<string, string>; optionalDependencies: Record<string, string>;
};

test('package.json: built JavaScript only, a prepack build, database drivers optional', () => {
  assert.match(pkg.scripts.prepack ?? '', /npm run -s build/);
  assert.ok(pkg.files.every((f) => !/^(src|parsers|test|bench)\b|\.ts$/.test(f)), `files: ${pkg.files.join(', ')}`);
  assert.deepEqual(pkg.bin, { 'hubsleuth': 'dist/src/cli/main.js', 'kubectl-hubsleuth': 'dist/src/cli/kubectl/main.js' });
  for (const d of ['better-sqlite3', 'pg']) {
    assert.ok(d in pkg.optionalDependencies, `${d} should be optional`);
    assert.ok(!(d in pkg.dependencies), `${d} is still a hard dependency`);
  }
});

test('npm pack → npm install -g into an empty prefix → hubsleuth runs', { timeout: 240_000 }, async (t) => {
  const why = skipUnless(npmAvailable, 'npm (to pack and install the tarball)');
  if (why) return t.skip(why);
  const tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-pack-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  // --ignore-scripts: the test suite runs from the dist/ it just built; prepack would rebuild it while
  // other test files run from it. The prepack script itself is checked above.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = info.files.map((f) => f.path);
  const bad = files.filter((f) => /^(test|bench|src|parsers|node_modules|dist\/test|dist\/bench|test-output)\//.test(f) || (/\.ts$/.test(f) && !f.endsWith('.d.ts')) || f.endsWith('.tsbuildinfo'));
  assert.deepEqual(bad, [], 'dev files in the tarball');
  for (const f of ['package.json', 'README.md', 'dist/src/cli/main.js', 'dist/src/cli/kubectl/main.js', 'dist/src/ingest/worker-entry.js', 'dist/src/ingest/worker.js', 'dist/parsers/record.js', 'schema/report-v1.schema.json', 'schema/event-v1.schema.json', 'schema/alert-v1.schema.json', 'schema/check-v1.schema.json']) {
    assert.ok(files.includes(f), `${f} missing from the tarball`);
  }
  const tgz = join(tmp, info.filename);
  assert.equal(info.filename, `hubsleuth-${pkg.version}.tgz`);

  // --omit=optional is what a user without a compiler would pass; npm ignores it for a global tarball
  // install (npm/cli#8284), so --ignore-scripts keeps better-sqlite3 from compiling (~75 s) and proves
  // nothing else needs a build step at install time.
  const prefix = join(tmp, 'prefix');
  // --prefer-offline: npm's cache first, the registry for what is not in it. `npm ci` caches the
  // dependencies' tarballs but not their metadata, which resolving a tarball's ranges needs: on a
  // fresh machine --offline fails with ENOTCACHED whatever the package holds.
  await run('npm', ['install', '-g', tgz, '--prefix', prefix, '--prefer-offline', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: tmp, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const bin = join(prefix, 'bin', 'hubsleuth');
  const env = { ...process.env, NO_COLOR: '1', PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` };
  const installed = join(prefix, 'lib', 'node_modules', 'hubsleuth');
  for (const dev of ['typescript', 'ajv', '@types']) {
    assert.equal(spawnSync('test', ['-e', join(installed, 'node_modules', dev)]).status, 1, `${dev} was installed`);
  }

  const version = spawnSync(bin, ['--version'], { encoding: 'utf8', env, cwd: tmp });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), pkg.version);

  const help = spawnSync(bin, ['--help'], { encoding: 'utf8', env, cwd: tmp });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /kubectl logs deploy\/hub/);
  assert.match(help.stdout, /check-config/);

  // The quick start from the installed copy, with the sample piped in like `kubectl logs … |`.
  const analyze = spawnSync('bash', ['-c', 'hubsleuth < "$1"', 'bash', sample('incident-two-days.log')], { encoding: 'utf8', env, cwd: tmp, timeout: 60_000 });
  assert.equal(analyze.status, 1, analyze.stderr);
  assert.match(analyze.stdout, /Verdict: culler-deleted-users/);
  const json = spawnSync(bin, ['analyze', join(installed, 'samples', 'incident-two-days.log'), '--format', 'json', '-q'], { encoding: 'utf8', env, cwd: tmp });
  assert.equal(json.status, 1, json.stderr);
  assert.equal((JSON.parse(json.stdout) as { verdict: { rootCause: string } }).verdict.rootCause, 'culler-deleted-users');

  // check-db without a built better-sqlite3: a usage error saying how to get it, not a stack trace.
  const db = join(tmp, 'jupyterhub.sqlite');
  writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]));
  const checkDb = spawnSync(bin, ['check-db', db], { encoding: 'utf8', env, cwd: tmp });
  assert.equal(checkDb.status, 2, checkDb.stdout + checkDb.stderr);
  assert.match(checkDb.stderr, /check-db needs the optional package better-sqlite3/);
  assert.doesNotMatch(checkDb.stderr, /\n\s+at /, 'a stack trace');

  // The plugin: installed next to hubsleuth, found by kubectl on PATH.
  const plugin = spawnSync(join(prefix, 'bin', 'kubectl-hubsleuth'), ['--version'], { encoding: 'utf8', env, cwd: tmp });
  assert.equal(plugin.status, 0, plugin.stderr);
  assert.equal(plugin.stdout.trim(), pkg.version);
  if (kubectlAvailable || process.env.CI) {
    const viaKubectl = spawnSync('kubectl', ['hubsleuth', '--help'], { encoding: 'utf8', env, cwd: tmp });
    assert.equal(viaKubectl.status, 0, viaKubectl.stderr);
    assert.match(viaKubectl.stdout, /^Usage: kubectl hubsleuth \[options\]\n/);
    assert.match(viaKubectl.stdout, /--previous/);
  }
});

test('npm install -g . from the built clone: both programs run', { timeout: 120_000 }, async (t) => {
  const why = skipUnless(npmAvailable, 'npm (to install the clone)');
  if (why) return t.skip(why);
  const tmp = mkdtempSync(join(tmpdir(), 'hubsleuth-clone-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  // A folder installed globally is linked, not copied: nothing is fetched, the clone's build is run.
  await run('npm', ['install', '-g', '.', '--prefix', tmp, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: ROOT, env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  for (const name of ['hubsleuth', 'kubectl-hubsleuth']) {
    const r = spawnSync(join(tmp, 'bin', name), ['--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: tmp });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, name === 'hubsleuth' ? /^Usage: hubsleuth \[options\] \[command\]/ : /^Usage: kubectl hubsleuth \[options\]/);
  }
});
