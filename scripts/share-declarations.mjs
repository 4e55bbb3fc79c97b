#!/usr/bin/env node
// Runs after `tsup` in a package directory (its `build` script). tsup writes every declaration twice, with
// the same contents: `dist/<name>.d.ts` for ES modules and `dist/<name>.d.cts` for CommonJS. Each `.d.ts`
// becomes one line that re-exports its `.d.cts` twin, so the types are installed once, not twice (the
// client's carry the whole hub API). Not the other way round: under `node16` resolution a CommonJS
// declaration file may not re-export an ES module one.
// Only for packages whose declarations import no other package (the client, whose declarations are
// bundled, and the spec): an ES module user of a package whose types import, say, msw would otherwise
// see msw's CommonJS types next to the ES module ones its own code imports, and the two do not match.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.cts')) continue;
  const name = file.slice(0, -'.d.cts'.length);
  const base = name.slice(name.lastIndexOf('/') + 1);
  writeFileSync(join(dist, `${name}.d.ts`), `export * from './${base}.cjs';\n`);
}
