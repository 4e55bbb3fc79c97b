/**
 * Reads a dot path (`links.next`, `data.items`) of the contract's `provider` section in a response body.
 * Only own properties of objects are followed; a missing step gives `undefined`.
 *
 * @example
 * ```ts
 * getDotPath({ links: { next: '/api?page=2' } }, 'links.next'); // '/api?page=2'
 * ```
 */
export function getDotPath(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * What a value is, in a few words, for messages about response bodies (never the value itself, which
 * could be personal data).
 *
 * @example
 * ```ts
 * describeShape({ status: true, data: {} }); // 'an object with keys status, data'
 * ```
 */
export function describeShape(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 8).join(', ');
    return `an object with keys ${shown}${keys.length > 8 ? ', …' : ''}`;
  }
  return `a ${typeof value}`;
}
