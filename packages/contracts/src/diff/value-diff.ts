import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { deepEqual, show } from './deep-equal';

function listOf(values: unknown[]): string {
  return values.map((v) => show(v)).join(', ');
}

/** `enum`: the list appearing, disappearing, or values added and removed. */
export function diffEnum(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const before = prev['enum'];
  const after = next['enum'];
  const field = fieldLabel(path);
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    ctx.emit('enum-added', path, `${field}: now limited to ${show(after)}`, { after });
    return;
  }
  if (after === undefined) {
    ctx.emit('enum-removed', path, `${field}: no longer limited to ${show(before)}`, { before });
    return;
  }
  if (!Array.isArray(before) || !Array.isArray(after)) {
    if (!deepEqual(before, after)) {
      ctx.emit('constraint-changed', path, `${field}: enum is not an array; changed, review by hand`, {
        before,
        after,
      });
    }
    return;
  }
  const added = after.filter((v) => !before.some((w) => deepEqual(v, w)));
  const removed = before.filter((v) => !after.some((w) => deepEqual(v, w)));
  if (added.length > 0) {
    ctx.emit('enum-value-added', path, `${field}: value(s) ${listOf(added)} now allowed`, { before, after });
  }
  if (removed.length > 0) {
    ctx.emit('enum-value-removed', path, `${field}: value(s) ${listOf(removed)} no longer allowed`, {
      before,
      after,
    });
  }
}

/** `const`: added (stricter), removed (looser) or changed (both). */
export function diffConst(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const had = Object.hasOwn(prev, 'const');
  const has = Object.hasOwn(next, 'const');
  const before = prev['const'];
  const after = next['const'];
  const field = fieldLabel(path);
  if (!had && !has) return;
  if (had && has && deepEqual(before, after)) return;
  if (!had) {
    ctx.emit('const-changed', path, `${field}: now fixed to ${show(after)}`, {
      after,
      breaks: ['producers'],
    });
  } else if (!has) {
    ctx.emit('const-changed', path, `${field}: no longer fixed to ${show(before)}`, {
      before,
      breaks: ['consumers'],
    });
  } else {
    ctx.emit('const-changed', path, `${field}: fixed value changed from ${show(before)} to ${show(after)}`, {
      before,
      after,
    });
  }
}

/** `pattern` and `format`: string assertions that cannot be compared for inclusion. */
export function diffStringAssertion(
  ctx: DiffContext,
  prev: SchemaNode,
  next: SchemaNode,
  path: string,
  keyword: 'pattern' | 'format',
): void {
  const before = prev[keyword];
  const after = next[keyword];
  if (deepEqual(before, after)) return;
  const field = fieldLabel(path);
  if (before === undefined) {
    ctx.emit(`${keyword}-added`, path, `${field}: ${keyword} ${show(after)} added`, { after });
  } else if (after === undefined) {
    ctx.emit(`${keyword}-removed`, path, `${field}: ${keyword} ${show(before)} removed`, { before });
  } else {
    ctx.emit(
      `${keyword}-changed`,
      path,
      `${field}: ${keyword} changed from ${show(before)} to ${show(after)}`,
      {
        before,
        after,
      },
    );
  }
}
