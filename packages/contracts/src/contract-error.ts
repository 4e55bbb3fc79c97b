/**
 * Stable codes of {@link ContractError}.
 *
 * @example
 * ```ts
 * import { compileContract, type Contract, ContractError, type ContractErrorCode } from '@tukar/contracts';
 *
 * declare const contract: Contract;
 * declare const record: unknown;
 * try {
 *   compileContract(contract).keyOf(record);
 * } catch (error) {
 *   if (!(error instanceof ContractError)) throw error;
 *   const code: ContractErrorCode = error.code;
 *   if (code === 'primary_key_missing') console.error('validate the record before taking its key');
 *   else if (code === 'reference_data_missing') console.error('call setWilayahSource first (browsers)');
 *   else throw error; // invalid_schema, unknown_format: fix the contract
 * }
 * ```
 */
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
 * import { compileContract, type Contract, ContractError } from '@tukar/contracts';
 *
 * declare const contract: Contract;
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
