import { HubProblem } from './hub-problem';
import { MAX_JSON_DEPTH } from './json-depth';

/** Adds every object key of `value` to `keys`; `false` (and stops) when `value` nests deeper than `levels`. */
function collectKeys(value: unknown, keys: Set<string>, levels: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (levels === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!collectKeys(item, keys, levels - 1)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    keys.add(key);
    if (!collectKeys((value as Record<string, unknown>)[key], keys, levels - 1)) return false;
  }
  return true;
}

/**
 * JSON text with object keys sorted at every level, so equal values give equal text: records are stored
 * this way (an upsert equal to the stored record is `unchanged`), and audit entries are hashed this way.
 * (Native `JSON.stringify` with the sorted list of every key as its property list: the list orders the
 * properties of every object, at every depth.) A value nesting deeper than `MAX_JSON_DEPTH` (100) levels
 * is refused with a 400 `bad_request` {@link HubProblem} instead of overflowing the stack.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  if (!collectKeys(value, keys, MAX_JSON_DEPTH)) {
    throw new HubProblem(
      400,
      'bad_request',
      `The value nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays; the hub stores and hashes at most ${MAX_JSON_DEPTH}.`,
    );
  }
  return JSON.stringify(value, [...keys].sort()) ?? 'null';
}
