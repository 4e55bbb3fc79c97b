/**
 * Codes of a {@link PactError}.
 *
 * @example
 * ```ts
 * import { PactError, type PactErrorCode, verifyHub } from '@tukar/pact';
 *
 * function hint(code: PactErrorCode): string {
 *   if (code === 'no_pacts') return 'no pact names tukar-hub yet: run the OPD consumer tests first';
 *   if (code === 'verifier_failed') return 'is the test hub running on http://127.0.0.1:8080?';
 *   return 'check the options and pact files named above';
 * }
 * try {
 *   await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, pacts: ['pacts'] });
 * } catch (error) {
 *   if (error instanceof PactError) console.error(`${error.message}\n${hint(error.code)}`);
 * }
 * ```
 */
export type PactErrorCode =
  /** An option or argument is missing or wrong (the message names it). */
  | 'invalid_option'
  /** A contract schema or example cannot be turned into matchers (the message names the field). */
  | 'invalid_schema'
  /** A pact file is missing, unreadable, too large or not a pact (the message names the file). */
  | 'invalid_pact'
  /** No pact file was found for the provider. */
  | 'no_pacts'
  /**
   * The verification could not run at all: the Pact verifier did not start, or the provider (the hub)
   * cannot be reached. Not: it ran and found mismatches.
   */
  | 'verifier_failed'
  /** The Pact Broker refused a request or could not be reached. */
  | 'broker_failed'
  /** `verifyHub`: the hub does not say it is disposable and `allowNonDisposableHub` is not set. */
  | 'hub_not_disposable';

/**
 * A mistake in how `@tukar/pact` was called or configured, or a pact file it cannot use. Verification
 * *failures* (the provider does not do what the pact says) are not errors: they are results.
 *
 * @example
 * ```ts
 * import { matchersFromSchema, PactError } from '@tukar/pact';
 *
 * try {
 *   matchersFromSchema({ type: 'object', properties: { kode: { type: 'string', pattern: '^P[0-9]{10}$' } } }, { kode: 'X' });
 * } catch (error) {
 *   if (error instanceof PactError) console.error(error.code, error.message); // invalid_schema …/kode…
 * }
 * ```
 */
export class PactError extends Error {
  override readonly name = 'PactError';
  readonly code: PactErrorCode;

  constructor(code: PactErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
