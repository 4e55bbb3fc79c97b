/**
 * Stable codes of {@link ValidatorConfigError}.
 *
 * @example
 * ```ts
 * import { ValidatorConfigError, type ValidatorConfigErrorCode } from '@tukar/validator';
 *
 * const hints: Record<ValidatorConfigErrorCode, string> = {
 *   contract_invalid: "run 'tukar contract lint' on the contract",
 *   file_not_found: 'check the path of the export',
 *   invalid_option: 'check the options',
 *   provider_missing: "add a 'provider' section to the contract, or pass a path",
 *   hub_refused: 'check the dataset id and the API key',
 *   unreachable: 'check the URL and the network: is the system up, and does it speak HTTP?',
 *   endpoint_refused: 'check the token or API key sent to the OPD system',
 * };
 * const explain = (error: unknown) => (error instanceof ValidatorConfigError ? hints[error.code] : undefined);
 * ```
 */
export type ValidatorConfigErrorCode =
  /** The contract file does not load or its schema does not compile. */
  | 'contract_invalid'
  /** The input file does not exist or is not a readable file. */
  | 'file_not_found'
  /** An option has a value that cannot work (a negative cap, a URL that is not http(s), …). */
  | 'invalid_option'
  /** The contract has no `provider` section and no flag says where the records are. */
  | 'provider_missing'
  /** The hub refused to serve the dataset (unknown dataset, key not accepted, no grant). */
  | 'hub_refused'
  /**
   * The endpoint or hub could not be reached, or does not answer HTTP, before any record was read: nothing
   * was checked, so there is no verdict.
   */
  | 'unreachable'
  /** The endpoint refused the first request (401, 403): the credentials are wrong or missing. */
  | 'endpoint_refused';

/**
 * A mistake in what the validator was asked to do, found before (or instead of) checking any record:
 * the CLI prints it and exits with 2. Problems of the data itself are never thrown; they are issues in
 * the report.
 *
 * @example
 * ```ts
 * import { ValidatorConfigError, validateFile } from '@tukar/validator';
 *
 * try {
 *   await validateFile('contracts/dinkes.puskesmas.yaml', 'missing.ndjson');
 * } catch (error) {
 *   if (error instanceof ValidatorConfigError) console.error(error.code, error.message);
 * }
 * ```
 */
export class ValidatorConfigError extends Error {
  override readonly name = 'ValidatorConfigError';
  readonly code: ValidatorConfigErrorCode;
  constructor(code: ValidatorConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
