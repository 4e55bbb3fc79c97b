// Writes src/meta-schema-2020.generated.ts: JSON Schema 2020-12's meta-schema compiled to code by ajv's
// standalone generator, with the options of the instance `checkAgainstMetaSchema` used to compile it at
// run time (all errors, messages, strict). Compiling the meta-schema took about a third of a `tukar
// validate` run; the generated function gives the same errors (test/meta-schema-validator.test.ts
// compares them, and fails when this file is stale). Run `pnpm --filter @tukar/contracts generate` after
// updating ajv.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { metaSchemaValidatorSource } from './meta-schema-validator-source';

const target = fileURLToPath(new URL('../src/meta-schema-2020.generated.ts', import.meta.url));
writeFileSync(target, metaSchemaValidatorSource());
console.log(`wrote ${target}`);
