import type { core } from 'zod';
import { joinPointer } from '../json-pointer';
import { fieldName, type RecordIssue } from '../record-issue';
import type { RecordSchema } from './record-schema';

type Issue = core.$ZodIssue;

/**
 * Checks one record with a contract's zod schema and reports its problems in the hub's vocabulary: the
 * same `code` (the JSON Schema keyword: `required`, `type`, `enum`, `pattern`, `format`, `maximum`, …)
 * and `path` (JSON Pointer into the record) as the hub's 422 answer, so a record refused on the OPD's
 * side reads the same as one refused by the hub. Empty when the record is valid. Messages name the
 * field, never its value.
 *
 * @example
 * ```ts
 * import { recordIssues, recordSchema } from '@tukar/contracts/zod';
 *
 * const schema = recordSchema({ type: 'object', required: ['jumlah'], properties: { jumlah: { type: 'integer' } } });
 * recordIssues(schema, { jumlah: '12' }); // [{ code: 'type', path: '/jumlah', … }]
 * ```
 */
export function recordIssues(schema: RecordSchema<unknown>, record: unknown): RecordIssue[] {
  const parsed = schema.safeParse(record);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) => toRecordIssues(issue, record));
}

function toRecordIssues(issue: Issue, record: unknown): RecordIssue[] {
  const tokens = issue.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p));
  const path = joinPointer('', ...tokens);
  const field = (pointer: string) => (pointer === '' ? 'The record' : `Field "${fieldName(pointer)}"`);
  const make = (keyword: string, at: string, message: string, params: Record<string, unknown> = {}) => ({
    code: keyword,
    path: at,
    message: `${field(at)} ${message}.`,
    keyword,
    params,
  });
  // zod reports a missing field as a wrong type or value of `undefined`; the hub says `required`.
  if (issue.code !== 'unrecognized_keys' && isMissing(record, tokens)) {
    return [make('required', path, 'is required but missing')];
  }
  switch (issue.code) {
    case 'invalid_type': {
      return [make('type', path, `must be of type ${issue.expected}`, { type: issue.expected })];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        make(
          'additionalProperties',
          joinPointer(path, key),
          'is not defined by the contract; remove it or add it to the schema',
          { additionalProperty: key },
        ),
      );
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? issue.minimum : issue.maximum;
      const keyword =
        issue.origin === 'array' || issue.origin === 'set'
          ? small
            ? 'minItems'
            : 'maxItems'
          : issue.origin === 'string'
            ? small
              ? 'minLength'
              : 'maxLength'
            : issue.inclusive === false
              ? small
                ? 'exclusiveMinimum'
                : 'exclusiveMaximum'
              : small
                ? 'minimum'
                : 'maximum';
      return [make(keyword, path, issue.message.replace(/^Too (small|big): /, ''), { limit: Number(limit) })];
    }
    case 'invalid_format':
      return issue.format === 'regex'
        ? [
            make('pattern', path, `does not match the pattern ${issue.pattern ?? ''}`.trimEnd(), {
              pattern: issue.pattern,
            }),
          ]
        : [make('format', path, `is not a valid ${issue.format}`, { format: issue.format })];
    case 'invalid_value':
      return issue.values.length === 1
        ? [
            make('const', path, `must be ${JSON.stringify(issue.values[0])}`, {
              allowedValue: issue.values[0],
            }),
          ]
        : [
            make('enum', path, `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, {
              allowedValues: issue.values,
            }),
          ];
    case 'not_multiple_of':
      return [
        make('multipleOf', path, `must be a multiple of ${String(issue.divisor)}`, {
          multipleOf: issue.divisor,
        }),
      ];
    case 'invalid_union': {
      // `type: [integer, null]` becomes a union of one zod type per JSON type: a type problem for the hub.
      const expected = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
          ? branch[0].expected
          : undefined,
      );
      if (expected.every((type) => type !== undefined)) {
        const types = [...new Set(expected)].join(',');
        return [make('type', path, `must be of type ${types}`, { type: types })];
      }
      return [make('anyOf', path, 'matches none of the allowed shapes')];
    }
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, unknown>;
      const keyword = typeof params.keyword === 'string' ? params.keyword : 'custom';
      const { keyword: _keyword, ...rest } = params;
      return [make(keyword, path, issue.message, rest)];
    }
    default:
      return [make(issue.code, path, issue.message)];
  }
}

/** `true` when the parent of `tokens` is an object without that key (a missing required field). */
function isMissing(record: unknown, tokens: readonly (string | number)[]): boolean {
  if (tokens.length === 0) return false;
  let parent: unknown = record;
  for (const token of tokens.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = (parent as Record<string | number, unknown>)[token];
  }
  const last = tokens[tokens.length - 1] as string | number;
  return (
    parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.hasOwn(parent, last)
  );
}
