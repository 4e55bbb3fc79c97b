/**
 * @tukar/contracts/types — TypeScript types and zod schemas of records from contracts (what `tukar types`
 * writes). Node only (it loads openapi-typescript and the TypeScript compiler); kept out of the main entry.
 *
 * @packageDocumentation
 */
export type { GenerateTypesOptions } from './types/generate-record-types';
export { generateRecordTypes } from './types/generate-record-types';
