import { resolveRef } from '../json-pointer';

/**
 * A copy of `node` with every local `$ref` replaced by what it points to (sibling keywords kept), so a
 * property's schema stands alone outside its contract. A `$ref` that loops is left as it is.
 */
export function inlineRefs(root: unknown, node: unknown, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(root, item, seen));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    const target = resolveRef(root, ref);
    if (target !== undefined) {
      const { $ref: _ref, ...siblings } = record;
      const inlined = inlineRefs(root, target, new Set([...seen, ref]));
      const merged = { ...(inlined as Record<string, unknown>), ...siblings };
      return inlineRefs(root, merged, new Set([...seen, ref]));
    }
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    copy[key] = key === '$defs' ? value : inlineRefs(root, value, seen);
  }
  return copy;
}

/** Deep equality of JSON values, object key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
