import type { SchemaNode } from './context';
import { isObject } from './context';

/**
 * The content model of an object schema: what it says about a property by its name, whether listed in
 * `properties` or not. Internal to the diff.
 *
 * An object schema that does not refuse undeclared properties (no `additionalProperties: false`, no
 * `unevaluatedProperties: false`) is *open*: it accepts any value under a name it does not list. Listing a
 * name then restricts what it accepts there; unlisting one lifts the restriction.
 */

/** `true`, `{}` and absent accept any value. */
export function acceptsAnything(value: unknown): boolean {
  return value === undefined || value === true || (isObject(value) && Object.keys(value).length === 0);
}

/**
 * The schema undeclared properties must match: `additionalProperties` when present (it evaluates every
 * remaining property, so `unevaluatedProperties` then sees none), else `unevaluatedProperties`, else
 * `true` (open).
 */
export function fallbackSchema(node: SchemaNode): unknown {
  const additional = node['additionalProperties'];
  if (additional !== undefined) return additional;
  const unevaluated = node['unevaluatedProperties'];
  return unevaluated === undefined ? true : unevaluated;
}

/** The keyword that decides {@link fallbackSchema}, for paths and messages. */
export function fallbackKeyword(node: SchemaNode): 'additionalProperties' | 'unevaluatedProperties' {
  return node['additionalProperties'] === undefined && node['unevaluatedProperties'] !== undefined
    ? 'unevaluatedProperties'
    : 'additionalProperties';
}

/** `patternProperties` as a record (empty when absent or not an object). */
export function patternSchemas(node: SchemaNode): Record<string, unknown> {
  const value = node['patternProperties'];
  return isObject(value) ? value : {};
}

const compiled = new Map<string, RegExp | null>();

/** Whether `pattern` (ECMA-262, unicode, as ajv compiles it) matches `name`; an invalid pattern matches. */
export function patternMatches(pattern: string, name: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    if (compiled.size > 1_000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex === null ? true : regex.test(name);
}

/**
 * What the object says about property `name` apart from `properties[name]`: the `patternProperties`
 * schemas whose pattern matches it (all of them apply), or, when none matches, the fallback for
 * undeclared properties.
 */
export function unlistedSchema(node: SchemaNode, name: string): unknown {
  const matching = Object.entries(patternSchemas(node))
    .filter(([pattern]) => patternMatches(pattern, name))
    .map(([, schema]) => schema);
  if (matching.length === 0) return fallbackSchema(node);
  return matching.length === 1 ? matching[0] : { allOf: matching };
}
