function collectKeys(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      keys.add(key);
      collectKeys((value as Record<string, unknown>)[key], keys);
    }
  }
}

/**
 * JSON text with object keys sorted at every level, so equal values give equal text: records are stored
 * this way (an upsert equal to the stored record is `unchanged`), and audit entries are hashed this way.
 * (Native `JSON.stringify` with the sorted list of every key as its property list: the list orders the
 * properties of every object, at every depth.)
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  collectKeys(value, keys);
  return JSON.stringify(value, [...keys].sort()) ?? 'null';
}
