// The layers of ARCHITECTURE.md, lowest first, and what each may import besides itself.
export const LAYERS = [
  ['core', 'src/core/'],
  ['parsers', 'parsers/'],
  ['ingest', 'src/ingest/'],
  ['correlate', 'src/correlate/'],
  ['report', 'src/report/'],
  ['redact', 'src/redact/'],
  ['source', 'src/source/'],
  ['checks', 'src/checks/'],
  ['watch', 'src/watch/'],
  ['cli', 'src/cli/'],
] as const;

export type Layer = (typeof LAYERS)[number][0];

export const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: [],
  parsers: ['core'],
  ingest: ['core', 'parsers'],
  correlate: ['core'],
  report: ['core'],
  redact: ['core'],
  source: ['core', 'parsers', 'ingest', 'correlate'],
  checks: ['core', 'report'],
  watch: ['core', 'parsers', 'ingest', 'correlate', 'report', 'source'],
  cli: ['core', 'parsers', 'ingest', 'correlate', 'report', 'redact', 'source', 'checks', 'watch'],
};

export function layerOf(path: string): Layer | null {
  const p = path.replace(/\\/g, '/').replace(/\.js$/, '.ts');
  for (const [name, prefix] of LAYERS) if (p.startsWith(prefix)) return name;
  return null;
}

/** Relative module specifiers of `import … from`, `export … from`, `import '…'` and `import()`. */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push(m[1]);
  return out;
}
