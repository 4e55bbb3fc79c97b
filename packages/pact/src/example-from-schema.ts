import RandExp from 'randexp';
import { formatPattern } from './format-patterns';
import { PactError } from './pact-error';
import {
  isObject,
  MAX_SCHEMA_DEPTH,
  pickBranch,
  resolveNode,
  type SchemaNode,
  showPath,
  typesOf,
} from './schema-walk';

/**
 * A value for a JSON Schema, made up when no example is given: `examples[0]`, `default`, `const`,
 * the first `enum` value, a format's example, a string generated from `pattern` (deterministic), or a
 * plain value of the type within its bounds. Objects get their `required` properties only.
 *
 * @example
 * ```ts
 * import { exampleFromSchema } from '@tukar/pact';
 *
 * exampleFromSchema({ type: 'object', required: ['kode'], properties: { kode: { type: 'string', pattern: '^P[0-9]{10}$' } } });
 * // { kode: 'P…' } (ten digits, the same every run)
 * ```
 */
export function exampleFromSchema(schema: unknown, root: unknown = schema): unknown {
  return generate(root as SchemaNode, schema, '', 0);
}

function generate(root: SchemaNode, raw: unknown, path: string, depth: number): unknown {
  if (depth > MAX_SCHEMA_DEPTH) {
    throw new PactError('invalid_schema', `schema at ${showPath(path)} is nested too deeply`);
  }
  const node = pickBranch(root, resolveNode(root, raw, path), undefined, path);
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.default !== undefined) return node.default;
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const types = typesOf(node);
  const type = types.find((t) => t !== 'null') ?? types[0] ?? 'string';
  switch (type) {
    case 'object':
      return generateObject(root, node, path, depth);
    case 'array': {
      const min = Math.max(node.minItems ?? 1, 1);
      const items = Array.isArray(node.prefixItems) ? node.prefixItems : undefined;
      return Array.from({ length: min }, (_, i) =>
        generate(root, items?.[i] ?? (isObject(node.items) ? node.items : {}), `${path}/${i}`, depth + 1),
      );
    }
    case 'integer':
      return generateNumber(node, true);
    case 'number':
      return generateNumber(node, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return generateString(node, path);
  }
}

function generateObject(root: SchemaNode, node: SchemaNode, path: string, depth: number) {
  const out: Record<string, unknown> = {};
  for (const key of node.required ?? []) {
    const property =
      node.properties?.[key] ?? (isObject(node.additionalProperties) ? node.additionalProperties : {});
    out[key] = generate(root, property, `${path}/${key}`, depth + 1);
  }
  return out;
}

function generateNumber(node: SchemaNode, integer: boolean): number {
  const low =
    node.minimum ??
    (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + (integer ? 1 : 0.5) : undefined);
  const high =
    node.maximum ??
    (node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - (integer ? 1 : 0.5) : undefined);
  let value: number;
  if (low !== undefined && high !== undefined) value = low + (high - low) / 2;
  else if (low !== undefined) value = low;
  else if (high !== undefined) value = Math.min(high, 0);
  else value = integer ? 1 : 1.5;
  if (integer) value = low !== undefined ? Math.ceil(value) : Math.floor(value);
  if (node.multipleOf && node.multipleOf > 0) value = Math.ceil(value / node.multipleOf) * node.multipleOf;
  return value;
}

function generateString(node: SchemaNode, path: string): string {
  if (typeof node.format === 'string') {
    const known = formatPattern(node.format);
    if (known) return known.example;
  }
  if (typeof node.pattern === 'string') return stringFromPattern(node.pattern, path);
  const min = node.minLength ?? 0;
  const max = node.maxLength ?? Number.POSITIVE_INFINITY;
  let text = 'contoh';
  while (text.length < min) text += 'x';
  return text.slice(0, Math.max(min, Math.min(max, text.length)));
}

/** A string matching `pattern`, the same on every run (seeded generator, ASCII letters and digits). */
export function stringFromPattern(pattern: string, path = ''): string {
  let generator: RandExp;
  try {
    generator = new RandExp(pattern);
  } catch (cause) {
    throw new PactError(
      'invalid_schema',
      `schema at ${showPath(path)}: pattern ${pattern} is not a valid regex`,
      {
        cause,
      },
    );
  }
  let seed = 20250310;
  generator.randInt = (from: number, to: number) => {
    seed = (seed * 48271) % 2147483647;
    return from + (seed % (to - from + 1));
  };
  generator.max = 4;
  generator.defaultRange.subtract(32, 126);
  generator.defaultRange.add(48, 57);
  generator.defaultRange.add(65, 90);
  generator.defaultRange.add(97, 122);
  return generator.gen();
}
