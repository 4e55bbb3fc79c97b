import { isReferenceFormatName, REFERENCE_FORMAT_NAMES } from '@tukar/contracts';
import type { ValidatorCode } from './engine/source-event';
import type { CheckId, SourceKind } from './report';

/** The checks each kind of source runs, in the order reports list them. */
export const CHECKS_BY_SOURCE: Readonly<Record<SourceKind, readonly CheckId[]>> = {
  file: ['readable', 'schema', 'reference-codes', 'primary-key'],
  hub: ['readable', 'schema', 'reference-codes', 'primary-key'],
  endpoint: [
    'http-status',
    'content-type',
    'latency',
    'envelope',
    'schema',
    'reference-codes',
    'primary-key',
  ],
};

/** The check of each of the validator's own codes: a code missing here is a compile error. */
const CHECK_OF_CODE: Readonly<Record<ValidatorCode, CheckId>> = {
  invalid_json: 'readable',
  not_ndjson: 'readable',
  not_json_array: 'readable',
  not_text: 'readable',
  trailing_data: 'readable',
  truncated: 'readable',
  record_too_large: 'readable',
  unreadable: 'readable',
  too_deep: 'readable',
  unchecked: 'readable',
  hub_error: 'readable',
  http_status: 'http-status',
  network_error: 'http-status',
  timeout: 'http-status',
  content_type: 'content-type',
  latency: 'latency',
  envelope: 'envelope',
  body_not_json: 'envelope',
  body_too_large: 'envelope',
  pagination_loop: 'envelope',
  pagination_offsite: 'envelope',
  duplicate_key: 'primary-key',
  schema: 'schema',
  kode_wilayah_undotted: 'reference-codes',
};

/** The check of one of the validator's own codes. */
export function checkOfValidatorCode(code: ValidatorCode): CheckId {
  return CHECK_OF_CODE[code];
}

/**
 * The check an issue code belongs to: reference-code formats to `reference-codes`, the validator's own
 * codes to their check, every other JSON Schema keyword to `schema`.
 *
 * @example
 * ```ts
 * checkOfCode('nik'); // 'reference-codes'
 * checkOfCode('required'); // 'schema'
 * checkOfCode('duplicate_key'); // 'primary-key'
 * ```
 */
export function checkOfCode(code: string): CheckId {
  if (Object.hasOwn(CHECK_OF_CODE, code)) return CHECK_OF_CODE[code as ValidatorCode];
  return isReferenceFormatName(code) ? 'reference-codes' : 'schema';
}

/**
 * The reference-code formats a record schema uses (`format: nik`, `format: kode-wilayah-desa`, …).
 *
 * @example
 * ```ts
 * referenceFormatsUsed({ properties: { nik: { type: 'string', format: 'nik' } } }); // ['nik']
 * ```
 */
export function referenceFormatsUsed(schema: unknown): string[] {
  const found = new Set<string>();
  const stack: Array<[unknown, boolean]> = [[schema, false]];
  while (stack.length > 0) {
    const [node, isSchemaMap] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, false]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (isSchemaMap) stack.push([value, false]);
        else if (key === 'format' && typeof value === 'string') {
          if (isReferenceFormatName(value)) found.add(value);
        } else if (!VALUE_KEYWORDS.has(key)) stack.push([value, SCHEMA_MAPS.has(key)]);
      }
    }
  }
  return REFERENCE_FORMAT_NAMES.filter((name) => found.has(name));
}

/** Keywords whose values are data, not schemas. */
const VALUE_KEYWORDS = new Set(['examples', 'default', 'const', 'enum']);
/** Keywords whose values map names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
