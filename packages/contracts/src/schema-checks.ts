import { checkAgainstMetaSchema, compileRecordSchema, knownFormats, sharedAjv } from './ajv-factory';
import type { ContractProblem } from './contract-problem';
import { derefSchema, joinPointer, resolveRef } from './json-pointer';
import { toRecordIssues } from './record-issue';

/** Keywords of JSON Schema 2020-12 (core, applicator, unevaluated, validation, meta-data, format, content). */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'prefixItems',
  'items',
  'contains',
  'additionalProperties',
  'properties',
  'patternProperties',
  'dependentSchemas',
  'propertyNames',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'unevaluatedItems',
  'unevaluatedProperties',
  'type',
  'const',
  'enum',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
]);

const ONE = ['additionalProperties', 'items', 'contains', 'propertyNames', 'if', 'then', 'else', 'not'];
const ONE_MORE = ['unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
const MAP = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const LIST = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
      prev = keep;
    }
  }
  return row[b.length] as number;
}

function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  // Accept up to a quarter of the word's length in edits (at least 2): `kode-wilayah-dusun` → `kode-wilayah-desa`.
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Walks every subschema, reporting unknown keywords, unknown formats and dangling `$ref`s. */
function walkSchema(root: unknown, problems: ContractProblem[]): void {
  const formats = knownFormats();
  const visit = (node: unknown, at: string): void => {
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = joinPointer(at, key);
      if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) {
        const guess = closest(key, SCHEMA_KEYWORDS);
        problems.push({
          code: 'schema_unknown_keyword',
          message: `"${key}" is not a JSON Schema 2020-12 keyword.`,
          path: here,
          hint: `${guess ? `Did you mean "${guess}"? ` : ''}Annotations must start with "x-" (e.g. "x-${key}").`,
        });
      }
      if (key === 'format' && typeof value === 'string' && !formats.includes(value)) {
        const guess = closest(value, formats);
        problems.push({
          code: 'schema_unknown_format',
          message: `Format "${value}" is not known.`,
          path: here,
          hint: `${guess ? `Did you mean "${guess}"? ` : ''}Known formats: ${formats.join(', ')}.`,
        });
      }
      if (key === '$ref' && typeof value === 'string' && resolveRef(root, value) === undefined) {
        problems.push({
          code: 'schema_unresolved_ref',
          message: value.startsWith('#')
            ? `$ref "${value}" does not resolve: nothing is at that pointer in the schema.`
            : `$ref "${value}" is not local; Tukar contracts only resolve references inside the schema.`,
          path: here,
          hint: 'Point to a definition in the same schema, e.g. "#/$defs/kode_wilayah".',
        });
      }
    }
    for (const key of [...ONE, ...ONE_MORE]) visit(node[key], joinPointer(at, key));
    for (const key of MAP) {
      const map = node[key];
      if (isObject(map))
        for (const [name, sub] of Object.entries(map)) visit(sub, joinPointer(at, key, name));
    }
    for (const key of LIST) {
      const list = node[key];
      if (Array.isArray(list)) {
        list.forEach((sub, i) => {
          visit(sub, joinPointer(at, key, i));
        });
      }
    }
  };
  visit(root, '/schema');
}

/** Pointer inside the schema that an ajv strict-mode message names (`at "#/properties/x"`), if any. */
function pointerInMessage(message: string): string {
  const match = /at (?:path )?"#([^"]*)"/.exec(message);
  return match ? `/schema${match[1]}` : '/schema';
}

/**
 * Checks a contract's record schema in depth and its primary key and examples against it, returning every
 * problem (without positions): unknown keywords and formats, dangling `$ref`s, meta-schema violations,
 * ajv strict-mode errors, primary-key fields absent from `properties`/`required`, invalid examples.
 *
 * @example
 * ```ts
 * const problems = checkRecordSchema(data.schema, data.primaryKey, data.examples);
 * ```
 */
export function checkRecordSchema(
  schema: unknown,
  primaryKey: unknown,
  examples: unknown,
): ContractProblem[] {
  const problems: ContractProblem[] = [];
  if (!isObject(schema)) return problems; // the structural check reports it
  walkSchema(schema, problems);
  const metaErrors = checkAgainstMetaSchema(schema);
  if (metaErrors.length > 0) {
    // One problem per place: ajv reports a wrong `type` three times (enum, array, anyOf); keep the first.
    const reported = new Set<string>();
    for (const error of metaErrors) {
      if (['if', 'anyOf', 'oneOf', '$dynamicRef'].includes(error.keyword) || reported.has(error.instancePath))
        continue;
      reported.add(error.instancePath);
      problems.push({
        code: 'schema_invalid',
        message: `schema${error.instancePath.replace(/\//g, '.')} ${error.message ?? 'is invalid'}.`,
        path: `/schema${error.instancePath}`,
        ...(error.params && 'allowedValues' in error.params
          ? { hint: `One of: ${(error.params.allowedValues as unknown[]).join(', ')}.` }
          : {}),
      });
    }
  }
  const schemaBroken = problems.length > 0;
  const root = derefSchema(schema, schema);
  if (isObject(root) && Array.isArray(primaryKey)) {
    const properties = isObject(root.properties) ? root.properties : {};
    const required = Array.isArray(root.required) ? root.required : [];
    const seen = new Set<unknown>();
    primaryKey.forEach((field, i) => {
      const path = `/primaryKey/${i}`;
      if (typeof field !== 'string') return;
      if (seen.has(field)) {
        problems.push({
          code: 'primary_key_duplicate',
          message: `primaryKey lists "${field}" twice.`,
          path,
          hint: 'Remove the repeated field.',
        });
        return;
      }
      seen.add(field);
      if (!Object.hasOwn(properties, field)) {
        problems.push({
          code: 'primary_key_unknown_field',
          message: `primaryKey field "${field}" is not in schema.properties.`,
          path,
          hint: `Properties: ${Object.keys(properties).join(', ') || '(none)'}.`,
        });
      } else if (!required.includes(field)) {
        problems.push({
          code: 'primary_key_not_required',
          message: `primaryKey field "${field}" is not in schema.required, so a record could lack its key.`,
          path,
          hint: `Add "${field}" to schema.required.`,
        });
      }
    });
  }
  if (schemaBroken) return problems;
  let validate: ReturnType<typeof compileRecordSchema>;
  try {
    validate = compileRecordSchema(sharedAjv({ allErrors: true }, schema), schema);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push({
      code: 'schema_invalid',
      message: `The schema does not compile: ${message.replace(/^strict mode: /, '')}.`,
      path: pointerInMessage(message),
      ...(/strictTypes|missing type/.test(message) ? { hint: 'Add the "type" the keyword applies to.' } : {}),
    });
    return problems;
  }
  if (Array.isArray(examples)) {
    examples.forEach((example, i) => {
      if (validate(example)) return;
      for (const issue of toRecordIssues(validate.errors ?? [], example, schema)) {
        problems.push({
          code: 'example_invalid',
          message: `Example ${i}: ${issue.message}`,
          path: `/examples/${i}${issue.path}`,
        });
      }
    });
  }
  return problems;
}
