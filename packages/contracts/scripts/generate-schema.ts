// Writes packages/contracts/contract.schema.json from the zod schema of the contract document, formatted
// with biome as the repository's lint expects. Run `pnpm --filter @tukar/contracts generate`;
// test/contract-json-schema.test.ts fails when the committed file is stale.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractJsonSchema } from '../src/contract-json-schema';

const target = fileURLToPath(new URL('../contract.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(contractJsonSchema(), null, 2)}\n`);
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${target}`);
