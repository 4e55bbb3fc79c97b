// Writes packages/contracts/contract.schema.json and procedure.schema.json from the zod schemas of the
// contract and procedure documents, formatted with biome as the repository's lint expects. Run
// `pnpm --filter @tukar/contracts generate`; test/contract-json-schema.test.ts and
// test/procedure-json-schema.test.ts fail when a committed file is stale.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractJsonSchema } from '../src/contract-json-schema';
import { procedureJsonSchema } from '../src/procedure/procedure-json-schema';

for (const [file, schema] of [
  ['contract.schema.json', contractJsonSchema()],
  ['procedure.schema.json', procedureJsonSchema()],
] as const) {
  const target = fileURLToPath(new URL(`../${file}`, import.meta.url));
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', target], { stdio: 'inherit' });
  console.log(`wrote ${target}`);
}
