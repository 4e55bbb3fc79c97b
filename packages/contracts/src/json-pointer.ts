/**
 * JSON Pointer (RFC 6901) helpers and local `$ref` resolution, shared by the loader, the compiler,
 * the PII helpers and the diff.
 */

/**
 * Escapes one reference token of a JSON Pointer (`~` → `~0`, `/` → `~1`).
 *
 * @example
 * ```ts
 * escapePointer('a/b~c'); // 'a~1b~0c'
 * ```
 */
export function escapePointer(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Unescapes one reference token of a JSON Pointer (`~1` → `/`, `~0` → `~`).
 *
 * @example
 * ```ts
 * unescapePointer('a~1b~0c'); // 'a/b~c'
 * ```
 */
export function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Appends tokens to a JSON Pointer, escaping each token. The root pointer is `''`.
 *
 * @example
 * ```ts
 * joinPointer('/schema', 'properties', 'kode/x'); // '/schema/properties/kode~1x'
 * joinPointer('', 'examples', 0); // '/examples/0'
 * ```
 */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  let out = base;
  for (const token of tokens) out += `/${escapePointer(token)}`;
  return out;
}

/**
 * Splits a JSON Pointer into its unescaped tokens. Accepts the URI fragment form (`#/a/b`, percent-decoded).
 * Returns `undefined` for a string that is not a pointer.
 *
 * @example
 * ```ts
 * parsePointer('/properties/a~1b'); // ['properties', 'a/b']
 * parsePointer('#/$defs/kode'); // ['$defs', 'kode']
 * parsePointer(''); // []
 * ```
 */
export function parsePointer(pointer: string): string[] | undefined {
  let text = pointer;
  if (text.startsWith('#')) {
    try {
      text = decodeURIComponent(text.slice(1));
    } catch {
      return undefined;
    }
  }
  if (text === '') return [];
  if (!text.startsWith('/')) return undefined;
  return text.slice(1).split('/').map(unescapePointer);
}

/**
 * Reads the value a JSON Pointer designates in `root`; `undefined` when any step is missing.
 *
 * @example
 * ```ts
 * getByPointer({ a: [{ b: 1 }] }, '/a/0/b'); // 1
 * ```
 */
export function getByPointer(root: unknown, pointer: string | readonly string[]): unknown {
  const tokens = typeof pointer === 'string' ? parsePointer(pointer) : pointer;
  if (!tokens) return undefined;
  let current: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.hasOwn(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Resolves a local `$ref` (`#/...` fragment pointer, or `#` for the root) against the schema document `root`.
 * Returns `undefined` when the reference is not local or does not resolve; remote references
 * (`https://…`) and anchors (`#name`) are not supported by Tukar contracts.
 *
 * @example
 * ```ts
 * const schema = { $defs: { kode: { type: 'string' } }, properties: { k: { $ref: '#/$defs/kode' } } };
 * resolveRef(schema, '#/$defs/kode'); // { type: 'string' }
 * resolveRef(schema, '#/$defs/nope'); // undefined
 * ```
 */
export function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  if (ref.length > 1 && ref[1] !== '/') return undefined;
  return getByPointer(root, ref);
}

/**
 * Follows a chain of `$ref`s starting at `node` until a schema without `$ref` is reached.
 * Stops (returns `undefined`) on a dangling reference or a cycle.
 *
 * @example
 * ```ts
 * const root = { $defs: { a: { $ref: '#/$defs/b' }, b: { type: 'string' } } };
 * derefSchema(root, { $ref: '#/$defs/a' }); // { type: 'string' }
 * ```
 */
export function derefSchema(root: unknown, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  while (
    current !== null &&
    typeof current === 'object' &&
    typeof (current as { $ref?: unknown }).$ref === 'string'
  ) {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref)) return undefined;
    seen.add(ref);
    current = resolveRef(root, ref);
  }
  return current;
}
