import { joinPointer } from '../json-pointer';
import { acceptsAnything, fallbackSchema, patternMatches, patternSchemas } from './content-model';
import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { deepEqual, show } from './deep-equal';
import { sidesOf } from './object-diff';
import type { ChangeRule } from './rules';

/** Whether a name listed in either object's `properties` matches `pattern`. */
function matchesListed(pattern: string, prev: SchemaNode, next: SchemaNode): boolean {
  const listed = (node: SchemaNode) => {
    const value = node['properties'];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  };
  return [...listed(prev), ...listed(next)].some((name) => patternMatches(pattern, name));
}

/**
 * `patternProperties`, pattern by pattern. A pattern kept on both sides is compared as a subschema at
 * `/patternProperties/<pattern>`. A pattern added takes the names it matches away from the fallback
 * (`additionalProperties`, else any value): it is compared with that fallback, and, where the names it
 * matches are also listed or matched by another pattern, with any value (its schema then applies on top
 * of theirs). A pattern removed, the reverse. Whether two patterns overlap is not decided, so a pattern
 * renamed counts as one removed and one added.
 */
export function diffPatternProperties(
  ctx: DiffContext,
  prev: SchemaNode,
  next: SchemaNode,
  path: string,
): void {
  const before = patternSchemas(prev);
  const after = patternSchemas(next);
  if (deepEqual(before, after)) return;
  const field = fieldLabel(path);
  for (const pattern of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const subPath = joinPointer(path, 'patternProperties', pattern);
    const inBefore = Object.hasOwn(before, pattern);
    const inAfter = Object.hasOwn(after, pattern);
    if (inBefore && inAfter) {
      ctx.walk(before[pattern], after[pattern], subPath);
      continue;
    }
    const added = inAfter;
    const schema = added ? after[pattern] : before[pattern];
    const others = Object.keys(added ? before : after).some((p) => p !== pattern);
    const overlaps = others || matchesListed(pattern, prev, next);
    // Names only this pattern matches: from the fallback to its schema (or back).
    const alone = ctx.collect(() =>
      added
        ? ctx.walk(fallbackSchema(prev), schema, subPath)
        : ctx.walk(schema, fallbackSchema(next), subPath),
    );
    // Names also listed or matched by another pattern: the schema is one more constraint on them.
    const stacked = overlaps
      ? ctx.collect(() => (added ? ctx.walk(true, schema, subPath) : ctx.walk(schema, true, subPath)))
      : [];
    const stackedSides = sidesOf(stacked).filter((side) => side === (added ? 'producers' : 'consumers'));
    const breaks = sidesOf(alone, ...stackedSides);
    const rule: ChangeRule = added ? 'pattern-property-added' : 'pattern-property-removed';
    const fallback = fallbackSchema(added ? prev : next);
    const whence = acceptsAnything(fallback) ? 'any value' : show(fallback);
    ctx.emit(
      rule,
      subPath,
      added
        ? `${field}: properties named like /${pattern}/ must now match ${show(schema)} (before: ${whence})`
        : `${field}: properties named like /${pattern}/ no longer must match ${show(schema)} (now: ${whence})`,
      added ? { after: schema, breaks } : { before: schema, breaks },
    );
  }
}
