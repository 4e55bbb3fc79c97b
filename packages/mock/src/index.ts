// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * `@tukar/mock` — msw handlers for the unit tests of OPD systems: the real Tukar hub core on a memory
 * store, seeded with contracts, clients (with API keys) and records, plus typed one-off overrides.
 *
 * @example
 * ```ts
 * import { mockHub } from '@tukar/mock';
 * import { setupServer } from 'msw/node';
 *
 * const hub = await mockHub({ contracts: [puskesmas], clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['write'] } } } });
 * const server = setupServer(...hub.handlers);
 * server.listen();
 * ```
 * @packageDocumentation
 */

// The mock hub
export { mockHub } from './mock-hub';
export type { MockHub } from './mock-hub';
export type {
  MockClient,
  MockContract,
  MockGrantAccess,
  MockHubOptions,
  MockRecord,
  MockSeedRecords,
} from './mock-hub-options';
export type { MockHubReads } from './typed-reads';
export { DEFAULT_BASE_URL } from './check-options';

// Errors
export { MockHubError } from './mock-hub-error';
export type { MockHubErrorCode } from './mock-hub-error';

// Overrides
export { problemDocument } from './problem-document';
