// Node's module loader reads every module of one wave of imports at once, each holding a file
// descriptor; under a low open-file limit (`ulimit -n 64` on some batch and CI hosts) the whole CLI
// in one wave runs out of them before a line is read. The registries, most of the modules, are
// loaded first, a wave each, by every entry point (the parsers' as parsers/load.ts loads them).
export async function loadRegistries(): Promise<void> {
  await (await import('../../parsers/load.js')).loadParsers();
  await import('../correlate/causes/index.js');
  await import('../correlate/verdicts/index.js');
  await import('../correlate/findings/index.js');
  await import('../report/index.js');
}
