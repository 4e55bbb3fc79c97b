/**
 * Stable codes of {@link ImportError}.
 *
 * @example
 * ```ts
 * import type { ImportErrorCode } from '@tukar/contracts';
 *
 * const exitCode = (code: ImportErrorCode) => (code === 'connection_failed' ? 3 : 2);
 * ```
 */
export type ImportErrorCode =
  | 'sql_syntax'
  | 'table_not_found'
  | 'driver_missing'
  | 'connection_failed'
  | 'invalid_input';

/**
 * An import or export that cannot go on: SQL that does not parse, a table that is not there, a database
 * driver that is not installed, a database that cannot be reached, or input of the wrong shape. The
 * message says what and where, and never holds a password.
 *
 * @example
 * ```ts
 * import { ImportError } from '@tukar/contracts';
 *
 * try {
 *   // const tables = parseDdl(sql, 'mysql');
 * } catch (error) {
 *   if (error instanceof ImportError && error.code === 'sql_syntax') console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
