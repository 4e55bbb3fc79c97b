/** Stable codes of {@link ContractError}. */
export type ContractErrorCode =
  | 'invalid_schema'
  | 'primary_key_missing'
  | 'reference_data_missing'
  | 'unknown_format';

/**
 * Thrown for programming or set-up errors around contracts: a schema that does not compile (the loader
 * reports these as problems first), a record without its primary key passed to `keyOf`, a missing
 * reference-data file. Expected failures (a bad contract file, an invalid record) are returned as values.
 *
 * @example
 * ```ts
 * try {
 *   compileContract(contract);
 * } catch (error) {
 *   if (error instanceof ContractError && error.code === 'invalid_schema') console.error(error.message);
 * }
 * ```
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorCode;

  constructor(code: ContractErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
