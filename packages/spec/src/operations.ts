/**
 * @tukar/spec/operations — the runtime model of the hub API read from the OpenAPI document: every
 * operation with its roles, parameters, limits and responses (`SPEC_OPERATIONS`), the path-template
 * matcher, typed operation inputs and the one OpenAPI→ajv factory. The hub, the mock, Pact and the tests
 * use it; it loads ajv and the whole document, so browser code that only needs types and limits imports
 * `@tukar/spec` instead.
 *
 * @packageDocumentation
 */

// ── The document ───────────────────────────────────────────────────────────────────────────────────────
export { openApiDocument } from './document';
export { findOperation, matchPath, operationsAt } from './match-path';
// ── The operation model (read from the document at run time) ──────────────────────────────────────────
export type { OperationInput } from './operation-input';
export {
  type OperationId,
  type OperationLimits,
  type OperationParameter,
  type OperationResponse,
  type OperationRole,
  readOperations,
  SPEC_OPERATIONS,
  type SpecOperation,
  specOperation,
} from './operation-model';
// ── Validation of request and response bodies ─────────────────────────────────────────────────────────
export { createSpecAjv, type SpecAjv, type SpecAjvOptions } from './spec-ajv';
