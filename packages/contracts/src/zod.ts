/**
 * @tukar/contracts/zod — a contract's record schema as a zod schema (zod 4's `z.fromJSONSchema` plus the
 * Indonesian reference-code checks), and its problems in the hub's vocabulary. Used by the files
 * `tukar types` writes; kept out of the main entry so that it stays light. The issues are `RecordIssue`s
 * (exported by the main entry).
 *
 * @packageDocumentation
 */

export { recordIssues } from './zod/record-issues';
export type { RecordSchema } from './zod/record-schema';
export { recordSchema } from './zod/record-schema';
