import type { components } from './schema.generated';

type ProblemCode = components['schemas']['ProblemCode'];

/**
 * Every `code` a hub problem document (`application/problem+json`) can carry, in the document's order.
 * Equal to the `ProblemCode` enum of the document (checked by `test/constants.test.ts`).
 *
 * @example
 * import { PROBLEM_CODES, type ProblemCode } from '@tukar/spec';
 *
 * function isProblemCode(value: string): value is ProblemCode {
 *   return (PROBLEM_CODES as readonly string[]).includes(value);
 * }
 */
export const PROBLEM_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'validation_failed',
  'idempotency_conflict',
  'idempotency_key_required',
  'payload_too_large',
  'unsupported_media_type',
  'contract_invalid',
  'contract_immutable',
  'contract_incompatible',
  'invalid_transition',
  'step_output_missing',
  'unknown_procedure',
  'rate_limited',
  'internal_error',
  'service_unavailable',
  'store_unavailable',
  'maintenance',
  'origin_signature_missing',
  'origin_signature_malformed',
  'origin_key_unknown',
  'origin_signature_invalid',
] as const satisfies readonly ProblemCode[];
