import { ContractError } from '../contract-error';
import { inlineRefs } from '../export/inline-refs';
import { isReferenceFormatName, type ReferenceFormatName } from '../formats/index';

/** The checks of one string field that the zod schema runs itself rather than through zod's own keywords. */
export interface StringCheck {
  /** Record path of the field; `null` stands for every item of an array. */
  readonly path: readonly (string | number | null)[];
  readonly format?: ReferenceFormatName;
  readonly minLength?: number;
  readonly maxLength?: number;
}

type SchemaNode = Record<string, unknown>;

function isObject(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Splits a record schema into what zod's `z.fromJSONSchema` checks and what it cannot check the way
 * ajv does: reference-code formats (`nik`, `kode-wilayah-desa`, …: zod ignores unknown formats) and
 * string lengths (JSON Schema counts code points, zod counts UTF-16 units). Local `$ref`s are inlined
 * first so each field has one place. Returns the schema without those keywords and the checks to run
 * from `.superRefine`.
 *
 * @throws {ContractError} `invalid_schema` when a reference-code format sits where a field has no fixed
 * path (inside `anyOf`/`oneOf`/`not`/`if`, `additionalProperties`, `patternProperties` or a recursive `$ref`).
 */
export function splitStringChecks(schema: unknown): { schema: unknown; checks: StringCheck[] } {
  const checks: StringCheck[] = [];
  let inlined = inlineRefs(schema, schema);
  // With every $ref inlined, $defs is dead weight (and its formats would have no path): drop it.
  if (isObject(inlined) && !JSON.stringify(inlined).includes('"$ref"')) {
    const { $defs: _defs, ...rest } = inlined;
    inlined = rest;
  }
  const walk = (node: unknown, path: readonly (string | number | null)[] | undefined): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, undefined));
    if (!isObject(node)) return node;
    const copy: SchemaNode = {};
    const check: { format?: ReferenceFormatName; minLength?: number; maxLength?: number } = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string' && isReferenceFormatName(value)) {
        if (path === undefined) {
          throw new ContractError(
            'invalid_schema',
            `format "${value}" sits where a field has no fixed path (inside anyOf/oneOf/not/if, additionalProperties, patternProperties or a recursive $ref); the zod schema cannot check it there. Move it to a property.`,
          );
        }
        check.format = value;
      } else if ((key === 'minLength' || key === 'maxLength') && path !== undefined) {
        check[key] = value as number;
      } else if (key === 'properties' && isObject(value)) {
        const properties: SchemaNode = {};
        for (const [name, sub] of Object.entries(value)) {
          properties[name] = walk(sub, path === undefined ? undefined : [...path, name]);
        }
        copy[key] = properties;
      } else if (key === 'items' && isObject(value)) {
        copy[key] = walk(value, path === undefined ? undefined : [...path, null]);
      } else if (key === 'prefixItems' && Array.isArray(value)) {
        copy[key] = value.map((sub, i) => walk(sub, path === undefined ? undefined : [...path, i]));
      } else if (key === 'allOf' && Array.isArray(value)) {
        copy[key] = value.map((sub) => walk(sub, path));
      } else if (
        key === '$defs' ||
        key === 'const' ||
        key === 'enum' ||
        key === 'default' ||
        key === 'examples' ||
        key.startsWith('x-')
      ) {
        copy[key] = key === '$defs' ? walkDefs(value) : value;
      } else {
        copy[key] = walk(value, undefined);
      }
    }
    if (path !== undefined && Object.keys(check).length > 0) checks.push({ path, ...check });
    return copy;
  };
  const walkDefs = (defs: unknown): unknown => {
    if (!isObject(defs)) return defs;
    const out: SchemaNode = {};
    for (const [name, sub] of Object.entries(defs)) out[name] = walk(sub, undefined);
    return out;
  };
  return { schema: walk(inlined, []), checks };
}
