import { resolveRef } from '../json-pointer';
import type { SchemaNode } from './context';
import { FALSE_SCHEMA, isObject } from './context';
import { deepEqual } from './deep-equal';

const MAX_HOPS = 32;
const OVERRIDABLE = new Set(['title', 'description', 'examples', 'default', '$comment', 'deprecated']);

/** A subschema with its `$ref` chain followed. */
export type ResolvedSchema =
  | { ok: true; node: SchemaNode; refs: string[] }
  | { ok: false; problem: string; refs: string[] };

/**
 * Keywords beside a `$ref` apply together with the target (2020-12). They are merged into the target;
 * a validation keyword present on both sides with different values is kept as an extra `allOf` branch.
 */
function merge(target: SchemaNode, siblings: Record<string, unknown>): SchemaNode {
  const merged: SchemaNode = { ...target };
  const conflicts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(siblings)) {
    if (!Object.hasOwn(merged, key) || OVERRIDABLE.has(key)) merged[key] = value;
    else if (!deepEqual(merged[key], value)) conflicts[key] = value;
  }
  if (Object.keys(conflicts).length > 0) {
    const allOf = Array.isArray(merged['allOf']) ? merged['allOf'] : [];
    merged['allOf'] = [...allOf, conflicts];
  }
  return merged;
}

/**
 * Follows `$ref` (local pointers only) from `raw` inside `root`, turning `true`/absent into `{}` and
 * `false` into {@link FALSE_SCHEMA}.
 */
export function resolveSchema(root: unknown, raw: unknown): ResolvedSchema {
  const refs: string[] = [];
  let current = raw;
  let siblings: Record<string, unknown> = {};
  for (;;) {
    if (current === undefined || current === true) return { ok: true, node: merge({}, siblings), refs };
    if (current === false) return { ok: true, node: FALSE_SCHEMA, refs };
    if (!isObject(current)) return { ok: false, problem: `a schema must be an object or a boolean`, refs };
    const ref = current['$ref'];
    if (ref === undefined) return { ok: true, node: merge(current, siblings), refs };
    if (typeof ref !== 'string') return { ok: false, problem: '$ref must be a string', refs };
    if (refs.includes(ref) || refs.length >= MAX_HOPS) {
      return { ok: false, problem: `$ref ${ref} leads back to itself without a subschema in between`, refs };
    }
    refs.push(ref);
    const { $ref: _ignored, ...rest } = current;
    siblings = { ...rest, ...siblings };
    const target = resolveRef(root, ref);
    if (target === undefined) {
      const why =
        ref.startsWith('#/') || ref === '#' ? 'nothing there' : 'only local references (#/…) are followed';
      return { ok: false, problem: `cannot follow $ref ${ref}: ${why}`, refs };
    }
    current = target;
  }
}
