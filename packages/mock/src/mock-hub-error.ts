import type { Problem } from '@tukar/spec';

/**
 * What went wrong while building a mock hub: the `code` of a {@link MockHubError}.
 *
 * @example
 * ```ts
 * import { mockHub, MockHubError, type MockHubErrorCode } from '@tukar/mock';
 *
 * function hint(code: MockHubErrorCode): string {
 *   switch (code) {
 *     case 'invalid_record': return 'a fixture record breaks its contract: fix the fixture';
 *     case 'unknown_dataset': return 'add the contract that creates this dataset to `contracts`';
 *     default: return 'fix the option named in the message';
 *   }
 * }
 * try {
 *   await mockHub({ contracts: [puskesmas], records: { 'dinkes.puskesmas': fixtures } });
 * } catch (error) {
 *   if (error instanceof MockHubError) console.error(error.message, hint(error.code));
 *   throw error;
 * }
 * ```
 */
export type MockHubErrorCode =
  /** An option of `mockHub` has the wrong shape (not an object, not an array, a bad `baseUrl`…). */
  | 'invalid_option'
  /** A contract document was refused by the hub (structure, compatibility, duplicates). */
  | 'invalid_contract'
  /** A client id or its settings were refused. */
  | 'invalid_client'
  /** `records` or a grant names a dataset that no contract in `contracts` creates. */
  | 'unknown_dataset'
  /** A seed record does not satisfy its contract. */
  | 'invalid_record'
  /** The hub answered a seeding request in a way nobody expected (a bug: please report it). */
  | 'seed_failed';

/**
 * Thrown (as a rejection of `mockHub`) when the mock hub cannot be built from its options. `where` names
 * the option that is wrong, e.g. `records["dinkes.puskesmas"][3]` or `clients["Ciamis Dinkes"]`; for a
 * refused request `problem` holds the hub's problem document.
 *
 * @example
 * ```ts
 * import { mockHub, MockHubError } from '@tukar/mock';
 *
 * try {
 *   await mockHub({ contracts: [puskesmas], records: { 'dinkes.puskesmas': [{ nama: 'tanpa kode' }] } });
 * } catch (error) {
 *   if (error instanceof MockHubError) console.error(error.code, error.where, error.message);
 * }
 * ```
 */
export class MockHubError extends Error {
  override readonly name = 'MockHubError';
  constructor(
    /** A stable code for the kind of mistake. */
    readonly code: MockHubErrorCode,
    /** The option at fault, written as you would reach it in the options object. */
    readonly where: string,
    message: string,
    /** The hub's answer when a seeding request was refused. */
    readonly problem?: Problem,
  ) {
    super(`mockHub: ${where}: ${message}`);
  }
}
