import { PactError } from './pact-error';

/** A JSON Schema node as the walkers read it (every keyword optional). */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[] | boolean;
  prefixItems?: SchemaNode[];
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  default?: unknown;
  examples?: unknown[];
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
  [keyword: string]: unknown;
}

/** How deep the walkers follow a schema (nested objects, arrays and `$ref`s) before giving up. */
export const MAX_SCHEMA_DEPTH = 48;

/** `true` for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Makes a field path readable in messages: `/` becomes `(record)`. */
export function showPath(path: string): string {
  return path === '' ? '(the record itself)' : path;
}

/**
 * Resolves local `$ref`s (`#/$defs/x`, `#/definitions/x`, `#/properties/a`) against the root schema and
 * merges `allOf` branches, so a walker sees one plain node. Throws {@link PactError} for a reference it
 * cannot follow.
 */
export function resolveNode(root: SchemaNode, node: unknown, path: string, depth = 0): SchemaNode {
  if (depth > MAX_SCHEMA_DEPTH) {
    throw new PactError(
      'invalid_schema',
      `schema at ${showPath(path)}: $ref/allOf nested too deeply (cycle?)`,
    );
  }
  if (node === true || node === undefined) return {};
  if (node === false) {
    throw new PactError('invalid_schema', `schema at ${showPath(path)} is \`false\`: no value can match it`);
  }
  if (!isObject(node)) {
    throw new PactError('invalid_schema', `schema at ${showPath(path)} is not an object`);
  }
  let current = node as SchemaNode;
  if (typeof current.$ref === 'string') {
    const target = followRef(root, current.$ref, path);
    const { $ref: _ignored, ...rest } = current;
    current = { ...resolveNode(root, target, path, depth + 1), ...rest };
  }
  if (Array.isArray(current.allOf) && current.allOf.length > 0) {
    const { allOf, ...rest } = current;
    let merged: SchemaNode = {};
    for (const branch of allOf) merged = mergeNodes(merged, resolveNode(root, branch, path, depth + 1));
    current = mergeNodes(merged, rest);
  }
  return current;
}

function followRef(root: SchemaNode, ref: string, path: string): unknown {
  if (!ref.startsWith('#')) {
    throw new PactError(
      'invalid_schema',
      `schema at ${showPath(path)}: $ref "${ref}" points outside the contract; only local references (#/$defs/…) are supported`,
    );
  }
  const parts = ref
    .slice(1)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
  let target: unknown = root;
  for (const part of parts) {
    if (!isObject(target) || !Object.hasOwn(target, part)) {
      throw new PactError('invalid_schema', `schema at ${showPath(path)}: $ref "${ref}" does not resolve`);
    }
    target = target[part];
  }
  return target;
}

function mergeNodes(a: SchemaNode, b: SchemaNode): SchemaNode {
  const merged: SchemaNode = { ...a, ...b };
  if (a.properties || b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required)
    merged.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  return merged;
}

/** The JSON type names a node allows (`[]` when it does not say). */
export function typesOf(node: SchemaNode): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  if (node.properties || node.required) return ['object'];
  if (node.items || node.prefixItems) return ['array'];
  return [];
}

/** The JSON type name of a value, as JSON Schema names it (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `true` when a value of JSON type `actual` is allowed by the declared type `declared`. */
export function typeAllows(declared: string, actual: string): boolean {
  return declared === actual || (declared === 'number' && actual === 'integer');
}

/** Picks the `anyOf`/`oneOf` branch that suits an example (by type), or the first branch. */
export function pickBranch(root: SchemaNode, node: SchemaNode, example: unknown, path: string): SchemaNode {
  const branches = node.oneOf ?? node.anyOf;
  if (!Array.isArray(branches) || branches.length === 0) return node;
  const { oneOf: _o, anyOf: _a, ...rest } = node;
  const resolved = branches.map((branch) => resolveNode(root, branch, path));
  const actual = example === undefined ? undefined : jsonTypeOf(example);
  const chosen =
    (actual === undefined
      ? resolved.find((branch) => !typesOf(branch).includes('null'))
      : resolved.find((branch) => typesOf(branch).some((t) => typeAllows(t, actual)))) ?? resolved[0];
  return mergeNodes(rest, chosen ?? {});
}
