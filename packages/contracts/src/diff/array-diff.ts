import { joinPointer } from '../json-pointer';
import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { deepEqual } from './deep-equal';

/**
 * `items` and `prefixItems`: each position is compared as a subschema; a position present on one side
 * only is compared with the other side's `items` (absent = any value).
 */
export function diffArrayItems(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const pItems = prev['items'];
  const nItems = next['items'];
  if (Array.isArray(pItems) || Array.isArray(nItems)) {
    // Draft 2019 tuple form (`items: [...]`): not classified position by position.
    if (!deepEqual(pItems, nItems)) {
      ctx.emit(
        'composition-changed',
        joinPointer(path, 'items'),
        `${fieldLabel(path)}: tuple items changed`,
        {
          before: pItems,
          after: nItems,
        },
      );
    }
  } else if (pItems !== undefined || nItems !== undefined) {
    ctx.walk(pItems ?? true, nItems ?? true, joinPointer(path, 'items'));
  }
  const pPrefix = prev['prefixItems'];
  const nPrefix = next['prefixItems'];
  if (pPrefix === undefined && nPrefix === undefined) return;
  if (
    (pPrefix !== undefined && !Array.isArray(pPrefix)) ||
    (nPrefix !== undefined && !Array.isArray(nPrefix))
  ) {
    if (!deepEqual(pPrefix, nPrefix)) {
      ctx.emit(
        'constraint-changed',
        joinPointer(path, 'prefixItems'),
        `${fieldLabel(path)}: prefixItems changed`,
        {
          before: pPrefix,
          after: nPrefix,
        },
      );
    }
    return;
  }
  const p = (pPrefix ?? []) as unknown[];
  const n = (nPrefix ?? []) as unknown[];
  const pRest = Array.isArray(pItems) ? true : (pItems ?? true);
  const nRest = Array.isArray(nItems) ? true : (nItems ?? true);
  for (let i = 0; i < Math.max(p.length, n.length); i++) {
    ctx.walk(i < p.length ? p[i] : pRest, i < n.length ? n[i] : nRest, joinPointer(path, 'prefixItems', i));
  }
}
