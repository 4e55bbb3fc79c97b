import type { ContractProblem, LoadResult } from './contract-problem';
import { contractSchema } from './contract-schema';
import { DEFAULT_MAX_BYTES, readContractFile } from './read-source';
import { checkRecordSchema } from './schema-checks';
import { parseYamlSource } from './yaml-source';
import { zodIssuesToProblems } from './zod-problems';

export { MAX_ALIAS_COUNT } from './yaml-source';

/**
 * Options of {@link loadContract} and {@link parseContract}.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { type LoadOptions, parseContract } from '@tukar/contracts';
 *
 * // A contract uploaded to a portal: report problems under its own name, accept at most 1 MB
 * const text = await readFile('/tmp/upload-4f2a', 'utf8');
 * const options: LoadOptions = { filename: 'dinkes.puskesmas.yaml', maxBytes: 1024 * 1024 };
 * const result = parseContract(text, options);
 * ```
 */
export interface LoadOptions {
  /** Name reported in problems (defaults to the path when a path is given). */
  filename?: string;
  /** Largest accepted file or text in bytes; default 5 MB. */
  maxBytes?: number;
}

/**
 * `true` when {@link loadContract} treats `pathOrText` as a file path: a string without a newline that ends
 * in `.yaml`, `.yml` or `.json` (case-insensitive). Anything else is contract text.
 *
 * @example
 * ```ts
 * isContractPath('contracts/dinkes.puskesmas.yaml'); // true
 * isContractPath('contract: dinkes.puskesmas\nversion: 1.0.0'); // false
 * ```
 */
export function isContractPath(pathOrText: string): boolean {
  return !/[\r\n]/.test(pathOrText) && /\.(ya?ml|json)$/i.test(pathOrText.trim());
}

/**
 * Loads a contract from a file path or from YAML/JSON text and checks it completely, returning the
 * contract or every problem at once, each with file, line and column. Never throws for bad input.
 *
 * `pathOrText` is a path when it has no newline and ends in `.yaml`, `.yml` or `.json`; anything else is text.
 * A file is stat-ed first: a file over `maxBytes` (default 5 MB) is refused without being read.
 *
 * @example
 * ```ts
 * const result = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!result.ok) {
 *   for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.column} ${p.message}`);
 * } else {
 *   console.log(result.contract.version);
 * }
 * ```
 */
export async function loadContract(pathOrText: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isContractPath(pathOrText)) return parseContract(pathOrText, options);
  const path = pathOrText.trim();
  const read = await readContractFile(path, maxBytes);
  const filename = options.filename ?? path;
  if (!read.ok) return { ok: false, problems: [{ ...read.problem, file: filename }] };
  return parseContract(read.text, { filename, maxBytes });
}

/**
 * Parses and checks contract text (YAML or JSON), synchronously. Same checks and result as
 * {@link loadContract}, for text already in memory.
 *
 * @example
 * ```ts
 * const result = parseContract(text, { filename: 'dinkes.puskesmas.yaml' });
 * if (result.ok) console.log(result.contract.primaryKey);
 * ```
 */
export function parseContract(text: string, options: LoadOptions = {}): LoadResult {
  const file = options.filename;
  const withFile = (p: ContractProblem): ContractProblem => (file === undefined ? p : { ...p, file });
  const fail = (...problems: ContractProblem[]): LoadResult => ({
    ok: false,
    problems: problems.map(withFile),
  });
  const source = parseYamlSource(text, {
    noun: 'contract',
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    sizeHint: 'A contract describes one record; move data out of `examples`, or raise `maxBytes`.',
  });
  if (!source.ok) return fail(...source.problems);
  const { data, positions } = source;
  const warnings = source.warnings.map(withFile);
  const problems: ContractProblem[] = [];
  const parsed = contractSchema.safeParse(data);
  if (!parsed.success) problems.push(...zodIssuesToProblems(parsed.error.issues, data));
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const d = data as Record<string, unknown>;
    try {
      problems.push(...checkRecordSchema(d.schema, d.primaryKey, d.examples));
    } catch (error) {
      problems.push({
        code: 'schema_invalid',
        message: `The schema cannot be checked: ${(error as Error).message}`,
        path: '/schema',
      });
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return fail(
      ...problems.map((p) => {
        const pos = positions.locate(p.path, {
          key: p.code === 'unknown_field' || p.code === 'schema_unknown_keyword',
        });
        return pos ? { ...p, line: pos.line, column: pos.column } : p;
      }),
    );
  }
  return { ok: true, contract: parsed.data, warnings };
}
