/**
 * The hub's size limits, as published in the document (`info.x-tukar-limits`, the `maxItems` of a push
 * batch and the `maximum`/`default` of the `limit` query parameters).
 *
 * `test/constants.test.ts` proves these values equal the document's, so they cannot drift.
 *
 * @example
 * import { HUB_LIMITS } from '@tukar/spec';
 *
 * // Split a large upload into batches the hub accepts.
 * for (let i = 0; i < records.length; i += HUB_LIMITS.maxBatchSize) {
 *   await push(records.slice(i, i + HUB_LIMITS.maxBatchSize));
 * }
 */
export const HUB_LIMITS = {
  /** Most upserts (and, separately, most deletes) in one `pushRecords` batch. */
  maxBatchSize: 5000,
  /** Largest request body in bytes (10 MiB); a larger body is refused with 413. */
  maxBodyBytes: 10485760,
  /** Page size of the list operations when `limit` is absent. */
  defaultPageSize: 100,
  /** Largest `limit` of the list operations. */
  maxPageSize: 1000,
  /** Page size of `listChanges` when `limit` is absent. */
  defaultChangesLimit: 500,
  /** Largest `limit` of `listChanges`. */
  maxChangesLimit: 5000,
  /** Deepest nesting of objects and arrays in a JSON request body; a deeper body is refused with 400. */
  maxJsonDepth: 100,
} as const;

/**
 * The type of {@link HUB_LIMITS}.
 *
 * @example
 * import type { HubLimits } from '@tukar/spec';
 * const pageSize: HubLimits['maxPageSize'] = 1000;
 */
export type HubLimits = typeof HUB_LIMITS;
