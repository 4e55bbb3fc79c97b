import type { Contract } from './contract-schema';

/**
 * Stable codes of {@link ContractProblem}.
 *
 * @example
 * ```ts
 * import { type ContractProblemCode, loadContract } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) {
 *   const codes: ContractProblemCode[] = loaded.problems.map((p) => p.code);
 *   // Exit 3 when the file itself is missing, 2 when its content is wrong
 *   process.exit(codes.includes('file_not_found') || codes.includes('file_unreadable') ? 3 : 2);
 * }
 * ```
 */
export type ContractProblemCode =
  /** The path does not exist. */
  | 'file_not_found'
  /** The path exists but cannot be read as a file (a directory, no permission, …). */
  | 'file_unreadable'
  /** The file or text is larger than `maxBytes`. */
  | 'file_too_large'
  /** Binary data, UTF-16, or bytes that are not UTF-8. */
  | 'not_utf8'
  /** YAML (or JSON) syntax error, duplicate key, several documents. */
  | 'yaml_syntax'
  /** A YAML warning (returned in `warnings`, not a failure). */
  | 'yaml_warning'
  /** Too many alias expansions (a "billion laughs" document). */
  | 'yaml_alias_limit'
  /** Nesting deeper than the loader accepts. */
  | 'too_deep'
  /** A required field is absent. */
  | 'missing_field'
  /** A field the contract format does not define. */
  | 'unknown_field'
  /** A field has the wrong type (a number where a string is expected, …). */
  | 'invalid_type'
  /** A field has a value outside what is allowed (enum, pattern, range). */
  | 'invalid_value'
  /** `schema` is not valid JSON Schema 2020-12. */
  | 'schema_invalid'
  /** `schema` uses a keyword JSON Schema 2020-12 does not define (annotations must start with `x-`). */
  | 'schema_unknown_keyword'
  /** `schema` uses a `format` that is not known. */
  | 'schema_unknown_format'
  /** A `$ref` in `schema` does not resolve. */
  | 'schema_unresolved_ref'
  /** A `primaryKey` field is not in `schema.properties`. */
  | 'primary_key_unknown_field'
  /** A `primaryKey` field is not in `schema.required`. */
  | 'primary_key_not_required'
  /** A field appears twice in `primaryKey`. */
  | 'primary_key_duplicate'
  /** An entry of `examples` does not validate against `schema`. */
  | 'example_invalid';

/**
 * One thing wrong with a contract document, and where.
 *
 * @example
 * ```ts
 * import { type ContractProblem, loadContract } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) {
 *   for (const p of loaded.problems satisfies ContractProblem[]) {
 *     // A GitHub Actions annotation on the offending line
 *     console.log(`::error file=${p.file},line=${p.line ?? 1},col=${p.column ?? 1}::${p.code} at ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
 *   }
 * }
 * ```
 */
export interface ContractProblem {
  code: ContractProblemCode;
  /** What is wrong, naming the field. */
  message: string;
  /** JSON Pointer into the document, e.g. `/schema/properties/nama/format`; `''` for the whole document. */
  path: string;
  /** The file (the path given, or `options.filename`). */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** What to write instead. */
  hint?: string;
}

/**
 * The outcome of loading a contract: the contract, or every problem found.
 *
 * @example
 * ```ts
 * import { formatProblem, type LoadResult, parseContract } from '@tukar/contracts';
 *
 * declare const text: string; // YAML or JSON of a contract
 * const result: LoadResult = parseContract(text);
 * if (result.ok) {
 *   for (const warning of result.warnings) console.warn(formatProblem(warning));
 *   console.log(`${result.contract.contract}@${result.contract.version} is valid`);
 * } else {
 *   for (const problem of result.problems) console.error(formatProblem(problem));
 * }
 * ```
 */
export type LoadResult =
  | { ok: true; contract: Contract; warnings: ContractProblem[] }
  | { ok: false; problems: ContractProblem[] };

/**
 * Formats a problem (of a contract, or of a procedure file) as one line `file:line:column code message (hint)`,
 * as compilers and CI annotations do.
 *
 * @example
 * ```ts
 * formatProblem({ code: 'missing_field', message: 'Field "title" is required.', path: '/title', file: 'a.yaml', line: 1, column: 1 });
 * // 'a.yaml:1:1 missing_field Field "title" is required.'
 * ```
 */
export function formatProblem(problem: Omit<ContractProblem, 'code'> & { code: string }): string {
  const where = [problem.file ?? '<text>', problem.line, problem.column]
    .filter((x) => x !== undefined)
    .join(':');
  return `${where} ${problem.code} ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`;
}
