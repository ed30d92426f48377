// The import graph follows the data flow (ARCHITECTURE.md): a folder may import only the folders
// below it. A new import against the flow fails here, naming the file and the import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { ALLOWED, layerOf, importsOf } from './layers.js';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('every import of src/ and parsers/ goes down the flow', () => {
  const wrong: string[] = [];
  for (const file of [...tsFiles('src'), ...tsFiles('parsers')]) {
    const from = layerOf(file);
    assert.ok(from, `${file} is in no layer of ALLOWED: add its folder to test/architecture/layers.ts and ARCHITECTURE.md`);
    for (const spec of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
      const target = relative('.', normalize(join(dirname(file), spec)));
      const to = layerOf(target);
      if (to === null || to === from) continue;
      if (!ALLOWED[from].includes(to)) wrong.push(`${file} imports ${spec} (${from} → ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the check catches an import against the flow', () => {
  // parsers/ reaching into the correlator, and the model reaching up into parsers/.
  assert.equal(ALLOWED[layerOf('parsers/record.ts')!].includes(layerOf('src/correlate/correlator.ts')!), false);
  assert.equal(ALLOWED[layerOf('src/core/model/events.ts')!].includes(layerOf('parsers/record.ts')!), false);
  assert.deepEqual(importsOf("import { a } from '../x.js';\nimport type { B } from './y.js';\nexport { c } from '../../z.js';\nconst w = await import('./w.js');\nimport '../v.js';"), ['../x.js', './y.js', '../../z.js', './w.js', '../v.js']);
});
