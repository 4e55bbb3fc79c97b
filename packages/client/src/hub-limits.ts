/**
 * The limits of `HUB_LIMITS` (`@tukar/spec`) the client checks against, one constant each: a bundler
 * writes their values where they are used, whereas the `HUB_LIMITS` object would be carried whole, with
 * its property names, into every browser bundle. `test/hub-limits.test.ts` proves they equal
 * `HUB_LIMITS`, so they cannot drift.
 */

/** `HUB_LIMITS.maxBatchSize`: most records in one batch. */
export const MAX_BATCH_SIZE = 5000;
/** `HUB_LIMITS.maxBodyBytes`: largest request body in bytes (10 MiB). */
export const MAX_BODY_BYTES = 10485760;
/** `HUB_LIMITS.defaultPageSize`: records per page of `listRecords` when `limit` is absent. */
export const DEFAULT_PAGE_SIZE = 100;
/** `HUB_LIMITS.maxPageSize`: largest `limit` of `listRecords`. */
export const MAX_PAGE_SIZE = 1000;
/** `HUB_LIMITS.defaultChangesLimit`: changes per page of `pullChanges` when `limit` is absent. */
export const DEFAULT_CHANGES_LIMIT = 500;
/** `HUB_LIMITS.maxChangesLimit`: largest `limit` of `pullChanges`. */
export const MAX_CHANGES_LIMIT = 5000;
