import { z } from 'zod';
import { ContractError } from '../contract-error';
import { explainReferenceCode, isValidReferenceCode } from '../formats/index';
import { type StringCheck, splitStringChecks } from './string-checks';

/**
 * A zod schema of the records of one contract, output typed as the generated record type `T`.
 *
 * @example
 * ```ts
 * import { type RecordSchema, recordSchema } from '@tukar/contracts/zod';
 *
 * type Wilayah = { kode: string };
 * const wilayah: RecordSchema<Wilayah> = recordSchema<Wilayah>({
 *   type: 'object',
 *   required: ['kode'],
 *   properties: { kode: { type: 'string', format: 'kode-wilayah-kabupaten' } },
 * });
 * wilayah.parse({ kode: '32.07' }).kode; // '32.07'
 * ```
 */
export type RecordSchema<T> = z.ZodType<T, unknown>;

/**
 * Builds the zod schema of a contract's record schema (JSON Schema 2020-12): zod 4's `z.fromJSONSchema`
 * for the structure, plus a `.superRefine` that checks the Indonesian reference-code formats with the
 * same checkers as the hub (`nik`, `nip`, `npsn`, `npwp`, `kode-wilayah-*` against the Kemendagri list)
 * and string lengths in code points, as JSON Schema counts them. `tukar types` writes one call per
 * contract into the generated file; call it yourself for a contract you load at run time.
 *
 * Issue messages name the field; a failed reference-code check carries `params: { format }` and the
 * reason, without the value (it may be personal data).
 *
 * @throws {ContractError} `invalid_schema` when zod cannot convert the schema (`if`/`then`/`else`,
 * `dependentSchemas`, `not` other than `{ not: {} }`, an external `$ref`) or a reference-code format
 * sits outside a fixed field path.
 * @example
 * ```ts
 * import { recordSchema } from '@tukar/contracts/zod';
 *
 * const sekolah = recordSchema<{ npsn: string }>({
 *   type: 'object',
 *   required: ['npsn'],
 *   properties: { npsn: { type: 'string', format: 'npsn' } },
 * });
 * sekolah.safeParse({ npsn: '20211034' }).success; // true
 * sekolah.safeParse({ npsn: 'SD-1' }).success; // false
 * ```
 */
export function recordSchema<T = Record<string, unknown>>(jsonSchema: unknown): RecordSchema<T> {
  const { schema, checks } = splitStringChecks(jsonSchema);
  let base: z.ZodType;
  try {
    base = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (cause) {
    throw new ContractError(
      'invalid_schema',
      `zod cannot convert this record schema (${cause instanceof Error ? cause.message : String(cause)}); check records with compileContract instead.`,
      { cause },
    );
  }
  if (checks.length === 0) return base as RecordSchema<T>;
  return base.superRefine(
    (record, ctx) => {
      for (const check of checks) {
        for (const [path, value] of valuesAt(record, check.path, [])) {
          if (typeof value !== 'string') continue;
          const problem = stringProblem(check, value);
          if (problem) ctx.addIssue({ code: 'custom', path, ...problem });
        }
      }
      // Run even when zod found other problems, so that one answer lists them all (as the hub's does).
    },
    { when: () => true },
  ) as unknown as RecordSchema<T>;
}

function stringProblem(
  check: StringCheck,
  value: string,
): { message: string; params: Record<string, unknown> } | undefined {
  if (check.minLength !== undefined || check.maxLength !== undefined) {
    const length = codePoints(value);
    if (check.minLength !== undefined && length < check.minLength) {
      return {
        message: `must have at least ${check.minLength} characters`,
        params: { keyword: 'minLength', limit: check.minLength },
      };
    }
    if (check.maxLength !== undefined && length > check.maxLength) {
      return {
        message: `must have at most ${check.maxLength} characters`,
        params: { keyword: 'maxLength', limit: check.maxLength },
      };
    }
  }
  if (check.format !== undefined && !isValidReferenceCode(check.format, value)) {
    const why = explainReferenceCode(check.format, value)?.split('; ')[0];
    return {
      message: `is not a valid ${check.format}${why ? `: ${why}` : ''}`,
      params: { keyword: 'format', format: check.format },
    };
  }
  return undefined;
}

function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Every value at `path` in `value` (`null` = each array item), with its concrete path. */
function valuesAt(
  value: unknown,
  path: readonly (string | number | null)[],
  at: (string | number)[],
): Array<[(string | number)[], unknown]> {
  if (path.length === 0) return [[at, value]];
  const [head, ...rest] = path as [string | number | null, ...(string | number | null)[]];
  if (head === null) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, i) => valuesAt(item, rest, [...at, i]));
  }
  if (value === null || typeof value !== 'object') return [];
  if (!Object.hasOwn(value, head)) return [];
  return valuesAt((value as Record<string | number, unknown>)[head], rest, [...at, head]);
}
