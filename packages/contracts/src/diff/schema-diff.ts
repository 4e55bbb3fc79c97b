import { ANNOTATION_KEYWORDS, diffAnnotations } from './annotation-diff';
import { diffArrayItems } from './array-diff';
import { diffCountLimits, diffNumericBounds, diffStepAndUnique } from './bounds-diff';
import type { ContractChange } from './change';
import { makeChange } from './change';
import { diffComposition } from './composition-diff';
import type { DiffContext, SchemaNode } from './context';
import { FALSE_SCHEMA, fieldLabel } from './context';
import { deepEqual, show } from './deep-equal';
import { diffExtraProperties, diffProperties } from './object-diff';
import { diffPatternProperties } from './pattern-properties-diff';
import { resolveSchema } from './resolve-schema';
import { diffType } from './type-diff';
import { diffConst, diffEnum, diffStringAssertion } from './value-diff';

/** Deeper than this many nested subschemas, the diff stops and reports what differs as a whole. */
const MAX_DEPTH = 100;
/** Upper bound of subschema pairs compared, against schemas that fan out through shared `$ref`s. */
const MAX_NODES = 50_000;
/** Upper bound of changes reported: a shared `$def` used at 2^30 paths changes at 2^30 paths. */
const MAX_CHANGES = 1_000;

/** Keywords the diff classifies, or ignores because they do not decide validity on their own. */
const KNOWN = new Set([
  ...['type', 'enum', 'const', 'pattern', 'format', 'multipleOf', 'uniqueItems'],
  ...[
    'maxLength',
    'minLength',
    'maxItems',
    'minItems',
    'maximum',
    'minimum',
    'exclusiveMaximum',
    'exclusiveMinimum',
  ],
  ...['properties', 'required', 'additionalProperties', 'unevaluatedProperties', 'patternProperties'],
  ...['items', 'prefixItems'],
  ...['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'],
  ...['$schema', '$id', '$anchor', '$dynamicAnchor', '$defs', 'definitions', '$vocabulary', '$ref'],
  ...ANNOTATION_KEYWORDS,
]);

/**
 * Compares two JSON Schemas for one record and classifies every difference (see `CHANGE_RULES`).
 * Local `$ref`s are followed on each side (cycles are cut), paths follow the record's structure
 * (`/properties/alamat/properties/kode_pos`, `/items`, `/prefixItems/0`), not the `$defs` location.
 *
 * @example
 * ```ts
 * import { diffSchemas } from '@tukar/contracts';
 * const changes = diffSchemas(
 *   { type: 'object', properties: { nama: { type: 'string', maxLength: 80 } } },
 *   { type: 'object', properties: { nama: { type: 'string', maxLength: 120 } } },
 * );
 * changes[0]?.rule; // 'max-length-relaxed'
 * changes[0]?.path; // '/properties/nama'
 * ```
 */
export function diffSchemas(previous: unknown, next: unknown): ContractChange[] {
  let changes: ContractChange[] = [];
  let nodes = 0;
  let exhausted = false;
  const stack = new Set<string>();
  /** Changes found under each pair of `$ref` chains, relative to where the pair was compared. */
  const seen = new Map<string, ContractChange[]>();
  let depth = 0;
  const ids = new WeakMap<object, number>();
  let lastId = 0;
  /**
   * What one side of a pair is, for the cache of `$ref` pairs: its `$ref` chain and the keywords beside the
   * first `$ref` (they apply at this use only), or, without a `$ref`, the subschema itself.
   */
  const sideKey = (raw: unknown, refs: readonly string[]): string => {
    if (refs.length > 0) return `ref ${refs.join(' ')} ${siblingsKey(raw)}`;
    if (raw === null || typeof raw !== 'object') return `value ${String(raw)}`;
    let id = ids.get(raw);
    if (id === undefined) {
      id = ++lastId;
      ids.set(raw, id);
    }
    return `node ${id}`;
  };

  let emitted = 0;
  const add = (change: ContractChange): void => {
    if (exhausted) return;
    if (++emitted > MAX_CHANGES) {
      exhausted = true;
      const message = `more than ${MAX_CHANGES} changes; the diff stopped here, review the rest by hand`;
      changes.push(makeChange('composition-changed', change.path, message));
      return;
    }
    changes.push(change);
  };
  const ctx: DiffContext = {
    emit(rule, path, message, details) {
      add(makeChange(rule, path, message, details));
    },
    collect(fn) {
      const saved = changes;
      changes = [];
      try {
        fn();
        return changes;
      } finally {
        changes = saved;
      }
    },
    keep(kept) {
      changes.push(...kept);
    },
    walk(prevRaw, nextRaw, path) {
      if (exhausted) return;
      if (++nodes > MAX_NODES) {
        ctx.emit(
          'composition-changed',
          path,
          `schema too large to compare (over ${MAX_NODES} subschemas); review by hand`,
        );
        exhausted = true;
        return;
      }
      if (depth >= MAX_DEPTH) {
        if (!deepEqual(prevRaw, nextRaw)) {
          ctx.emit(
            'composition-changed',
            path,
            `${fieldLabel(path)}: nested deeper than ${MAX_DEPTH} levels and changed; review by hand`,
          );
        }
        return;
      }
      const p = resolveSchema(previous, prevRaw);
      const n = resolveSchema(next, nextRaw);
      if (!p.ok || !n.ok) {
        if (!deepEqual(prevRaw, nextRaw) || !deepEqual(p.refs, n.refs)) {
          const problem = !p.ok ? `previous: ${p.problem}` : !n.ok ? `next: ${n.problem}` : '';
          ctx.emit(
            'constraint-changed',
            path,
            `${fieldLabel(path)}: cannot compare (${problem}); review by hand`,
            {
              before: prevRaw,
              after: nextRaw,
            },
          );
        }
        return;
      }
      const key =
        p.refs.length + n.refs.length > 0
          ? `${sideKey(prevRaw, p.refs)}|${sideKey(nextRaw, n.refs)}`
          : undefined;
      if (key === undefined) {
        depth++;
        try {
          compareNodes(ctx, p.node, n.node, path);
        } finally {
          depth--;
        }
        return;
      }
      if (stack.has(key)) return; // a cycle: this pair is being compared further up
      const known = seen.get(key);
      if (known) {
        // The same pair of $ref targets met again elsewhere: same changes, at this path.
        for (const c of known) add({ ...c, path: path + c.path });
        return;
      }
      const into = changes;
      const start = into.length;
      stack.add(key);
      depth++;
      try {
        compareNodes(ctx, p.node, n.node, path);
      } finally {
        depth--;
        stack.delete(key);
      }
      seen.set(
        key,
        into.slice(start).map((c) => ({ ...c, path: c.path.slice(path.length) })),
      );
    },
  };
  ctx.walk(previous, next, '');
  return changes;
}

/** The keywords beside a `$ref` (none for a plain subschema), as a cache key part. */
function siblingsKey(raw: unknown): string {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return '';
  const keys = Object.keys(raw).filter((k) => k !== '$ref');
  if (keys.length === 0) return '';
  try {
    return JSON.stringify(raw);
  } catch {
    return `unkeyable:${Math.random()}`;
  }
}

function compareNodes(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  if (prev === FALSE_SCHEMA || next === FALSE_SCHEMA) {
    if (prev === next) return;
    const field = fieldLabel(path);
    if (next === FALSE_SCHEMA)
      ctx.emit('type-narrowed', path, `${field}: no value is accepted any more (false)`);
    else ctx.emit('type-widened', path, `${field}: accepted no value (false), now accepts values`);
    return;
  }
  diffType(ctx, prev, next, path);
  diffEnum(ctx, prev, next, path);
  diffConst(ctx, prev, next, path);
  diffStringAssertion(ctx, prev, next, path, 'pattern');
  diffStringAssertion(ctx, prev, next, path, 'format');
  diffCountLimits(ctx, prev, next, path);
  diffNumericBounds(ctx, prev, next, path);
  diffStepAndUnique(ctx, prev, next, path);
  diffProperties(ctx, prev, next, path);
  diffPatternProperties(ctx, prev, next, path);
  diffExtraProperties(ctx, prev, next, path);
  diffArrayItems(ctx, prev, next, path);
  diffComposition(ctx, prev, next, path);
  for (const keyword of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    if (KNOWN.has(keyword) || keyword.startsWith('x-')) continue;
    if (deepEqual(prev[keyword], next[keyword])) continue;
    ctx.emit(
      'constraint-changed',
      path,
      `${fieldLabel(path)}: \`${keyword}\` changed from ${show(prev[keyword])} to ${show(next[keyword])}; the diff does not classify it, review by hand`,
      { before: prev[keyword], after: next[keyword] },
    );
  }
  diffAnnotations(ctx, prev, next, path);
}
