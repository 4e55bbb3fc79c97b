/**
 * Regenerates `openapi.json` and `src/schema.generated.ts` from `openapi.yaml`.
 * Run it with `pnpm --filter @tukar/spec generate`; commit both outputs.
 */
import { writeFile } from 'node:fs/promises';
import { generateOutputs, JSON_FILE, PACKAGE_DIR, TYPES_FILE } from './generate-outputs';

const { json, types } = await generateOutputs();
await writeFile(`${PACKAGE_DIR}${JSON_FILE}`, json);
await writeFile(`${PACKAGE_DIR}${TYPES_FILE}`, types);
process.stdout.write(`wrote ${JSON_FILE} (${json.length} chars) and ${TYPES_FILE} (${types.length} chars)\n`);
