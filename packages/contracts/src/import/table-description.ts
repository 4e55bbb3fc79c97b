/**
 * A database table as the importers see it: the neutral shape that the SQL DDL parser and the live
 * MariaDB/MySQL and PostgreSQL readers produce, and that {@link tableToContract} turns into a contract.
 */

/**
 * A rule on one column that a `CHECK` constraint (or the column type) states, in JSON Schema terms.
 *
 * @example
 * ```ts
 * import type { ColumnRule } from '@tukar/contracts';
 *
 * // CHECK (umur >= 0 AND umur <= 150)
 * const rules: ColumnRule[] = [
 *   { keyword: 'minimum', value: 0 },
 *   { keyword: 'maximum', value: 150 },
 * ];
 * ```
 */
export type ColumnRule =
  | { readonly keyword: 'enum'; readonly value: readonly (string | number)[] }
  | {
      readonly keyword:
        | 'minimum'
        | 'maximum'
        | 'exclusiveMinimum'
        | 'exclusiveMaximum'
        | 'minLength'
        | 'maxLength';
      readonly value: number;
    }
  | { readonly keyword: 'pattern'; readonly value: string };

/**
 * One column of a table.
 *
 * @example
 * ```ts
 * import type { ColumnDescription } from '@tukar/contracts';
 *
 * // nik CHAR(16) NOT NULL COMMENT 'Nomor Induk Kependudukan'
 * const nik: ColumnDescription = {
 *   name: 'nik', dataType: 'CHAR', length: 16, nullable: false, comment: 'Nomor Induk Kependudukan', rules: [],
 * };
 * ```
 */
export interface ColumnDescription {
  readonly name: string;
  /** Upper-case SQL type name without its arguments: `VARCHAR`, `INT`, `DECIMAL`, `ENUM`, `TEXT[]`… */
  readonly dataType: string;
  /** Character length (`VARCHAR(100)`), bit count (`BIT(1)`) or display width (`TINYINT(1)`). */
  readonly length?: number;
  /** Digits of a `DECIMAL(precision, scale)` / `NUMERIC`. */
  readonly precision?: number;
  readonly scale?: number;
  readonly unsigned?: boolean;
  readonly nullable: boolean;
  readonly autoIncrement?: boolean;
  /** A literal default (functions such as `CURRENT_TIMESTAMP` are left out). */
  readonly default?: string | number | boolean | null;
  readonly comment?: string;
  /** Rules from `ENUM(…)`, `SET(…)` and `CHECK` constraints on this column alone. */
  readonly rules: readonly ColumnRule[];
}

/**
 * A table: columns, keys, the checks that could not be expressed per column, and its comment.
 *
 * @example
 * ```ts
 * import type { TableDescription } from '@tukar/contracts';
 *
 * const table: TableDescription = {
 *   name: 'puskesmas',
 *   dialect: 'mysql',
 *   columns: [{ name: 'kode', dataType: 'CHAR', length: 11, nullable: false, rules: [] }],
 *   primaryKey: ['kode'],
 *   uniqueKeys: [],
 *   otherChecks: [],
 * };
 * ```
 */
export interface TableDescription {
  readonly name: string;
  readonly dialect: SqlDialect;
  readonly comment?: string;
  readonly columns: readonly ColumnDescription[];
  readonly primaryKey: readonly string[];
  /** Each unique index or constraint, as its column list. */
  readonly uniqueKeys: readonly (readonly string[])[];
  /** `CHECK` constraints that are not a per-column rule, as SQL text (the author must decide them). */
  readonly otherChecks: readonly string[];
}

/**
 * The SQL dialects the importers read and the exporters write.
 *
 * @example
 * ```ts
 * import { SQL_DIALECTS, type SqlDialect } from '@tukar/contracts';
 *
 * const dialect: SqlDialect = SQL_DIALECTS.includes('mysql') ? 'mysql' : 'postgresql';
 * ```
 */
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * `mysql` (MySQL and MariaDB) and `postgresql`.
 *
 * @example
 * ```ts
 * import { SQL_DIALECTS } from '@tukar/contracts';
 *
 * console.log(`--dialect ${SQL_DIALECTS.join(' | ')}`);
 * ```
 */
export const SQL_DIALECTS = ['mysql', 'postgresql'] as const;
