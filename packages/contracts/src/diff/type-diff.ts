import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { show } from './deep-equal';

type TypeSet = Set<string>;

function typeSet(node: SchemaNode): TypeSet | undefined {
  const type = node['type'];
  if (type === undefined) return undefined;
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === 'string'));
  return new Set();
}

/** Whether every JSON value of type `t` is accepted by a schema of types `set` (integer ⊂ number). */
function accepts(set: TypeSet, t: string): boolean {
  return set.has(t) || (t === 'integer' && set.has('number'));
}

function within(inner: TypeSet, outer: TypeSet): boolean {
  return [...inner].every((t) => accepts(outer, t));
}

function describe(set: TypeSet): string {
  return set.size === 0 ? 'nothing' : [...set].join(' | ');
}

/**
 * `type`, split into the null part (`nullable-added` / `nullable-removed`) and the rest
 * (`type-narrowed` / `type-widened` / `type-changed`).
 */
export function diffType(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const before = prev['type'];
  const after = next['type'];
  const p = typeSet(prev);
  const n = typeSet(next);
  const field = fieldLabel(path);
  if (p === undefined && n === undefined) return;
  if (p === undefined || n === undefined) {
    if (p === undefined) {
      ctx.emit('type-narrowed', path, `${field}: type now restricted to ${show(after)} (was any type)`, {
        before,
        after,
      });
    } else {
      ctx.emit('type-widened', path, `${field}: type restriction ${show(before)} removed (any type now)`, {
        before,
        after,
      });
    }
    return;
  }
  const pNull = p.delete('null');
  const nNull = n.delete('null');
  if (pNull && !nNull) {
    ctx.emit(
      'nullable-removed',
      path,
      `${field}: null no longer allowed (type ${show(before)} → ${show(after)})`,
      {
        before,
        after,
      },
    );
  } else if (!pNull && nNull) {
    ctx.emit('nullable-added', path, `${field}: null now allowed (type ${show(before)} → ${show(after)})`, {
      before,
      after,
    });
  }
  const narrower = within(n, p);
  const wider = within(p, n);
  if (narrower && wider) return;
  const from = describe(p);
  const to = describe(n);
  if (narrower) {
    ctx.emit('type-narrowed', path, `${field}: type narrowed from ${from} to ${to}`, { before, after });
  } else if (wider) {
    ctx.emit('type-widened', path, `${field}: type widened from ${from} to ${to}`, { before, after });
  } else {
    ctx.emit('type-changed', path, `${field}: type changed from ${from} to ${to}`, { before, after });
  }
}
