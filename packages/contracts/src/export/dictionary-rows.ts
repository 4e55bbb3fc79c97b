import type { Contract } from '../contract-schema';
import type { PropertySchema } from '../import/column-schema';
import { maskValue } from '../pii';
import { inlineRefs } from './inline-refs';
import { rulesInWords, typeInWords, type Words } from './rules-in-words';

/**
 * One row of the data dictionary (*kamus data*): a field, nested fields as dot paths.
 *
 * @example
 * ```ts
 * import { dataDictionaryRows, loadContract } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) for (const row of dataDictionaryRows(loaded.contract)) console.log(row.field, row.rules.id);
 * ```
 */
export interface DictionaryRow {
  readonly field: string;
  readonly depth: number;
  readonly description?: string;
  readonly type: Words;
  readonly rules: Words;
  readonly required: boolean;
  readonly key: boolean;
  readonly pii: boolean;
  /** The first example value, masked when the field is personal data. */
  readonly example?: string;
  /** The field's schema, `$ref`s inlined. */
  readonly schema: PropertySchema;
}

function exampleOf(
  examples: readonly Record<string, unknown>[],
  path: string[],
  pii: boolean,
): string | undefined {
  for (const example of examples) {
    let value: unknown = example;
    for (const part of path)
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value === undefined || (value !== null && typeof value === 'object')) continue;
    const shown = pii ? maskValue(value) : value;
    return shown === null ? 'null' : String(shown);
  }
  return undefined;
}

/**
 * The rows of a contract's data dictionary: one per field (nested object fields after their parent),
 * with its type and rules in words, whether it is required, part of the key, personal data, and an
 * example (masked for `x-pii` fields).
 *
 * @example
 * ```ts
 * import { dataDictionaryRows, loadContract } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) {
 *   for (const row of dataDictionaryRows(loaded.contract)) {
 *     console.log(`${row.field}\t${row.type.id}\t${row.rules.id}\t${row.required ? 'wajib' : ''}`);
 *   }
 * }
 * ```
 */
export function dataDictionaryRows(contract: Contract): DictionaryRow[] {
  const rows: DictionaryRow[] = [];
  const examples = contract.examples ?? [];
  const walk = (schema: PropertySchema, path: string[], parentPii: boolean): void => {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    for (const [name, raw] of Object.entries(properties)) {
      const property = inlineRefs(contract.schema, raw) as PropertySchema;
      const at = [...path, name];
      const pii = parentPii || property['x-pii'] === true;
      const example = exampleOf(examples, at, pii);
      rows.push({
        field: at.join('.'),
        depth: path.length,
        ...(typeof property.description === 'string' ? { description: property.description } : {}),
        type: typeInWords(property),
        rules: rulesInWords(property),
        required: required.has(name),
        key: path.length === 0 && contract.primaryKey.includes(name),
        pii,
        ...(example === undefined ? {} : { example }),
        schema: property,
      });
      if (property.properties) walk(property, at, pii);
    }
  };
  walk(inlineRefs(contract.schema, contract.schema) as PropertySchema, [], false);
  return rows;
}
