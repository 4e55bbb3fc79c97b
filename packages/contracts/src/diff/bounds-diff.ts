import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { deepEqual, show } from './deep-equal';
import type { ChangeRule } from './rules';

type Side = 'max' | 'min';

const COUNT_LIMITS = [
  ['maxLength', 'max', 'max-length-tightened', 'max-length-relaxed'],
  ['minLength', 'min', 'min-length-tightened', 'min-length-relaxed'],
  ['maxItems', 'max', 'max-items-tightened', 'max-items-relaxed'],
  ['minItems', 'min', 'min-items-tightened', 'min-items-relaxed'],
] as const satisfies readonly (readonly [string, Side, ChangeRule, ChangeRule])[];

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `maxLength`, `minLength`, `maxItems`, `minItems`: added or moved inward is tightened, else relaxed. */
export function diffCountLimits(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  for (const [keyword, side, tightened, relaxed] of COUNT_LIMITS) {
    const before = prev[keyword];
    const after = next[keyword];
    if (deepEqual(before, after)) continue;
    const field = fieldLabel(path);
    if ((before !== undefined && !isNumber(before)) || (after !== undefined && !isNumber(after))) {
      ctx.emit('constraint-changed', path, `${field}: ${keyword} is not a number; changed, review by hand`, {
        before,
        after,
      });
      continue;
    }
    const tighter =
      before === undefined || (after !== undefined && (side === 'max' ? after < before : after > before));
    const verb =
      before === undefined
        ? 'added'
        : after === undefined
          ? 'removed'
          : tighter === (side === 'max')
            ? 'lowered'
            : 'raised';
    const detail =
      before === undefined
        ? `(${after})`
        : after === undefined
          ? `(was ${before})`
          : `from ${before} to ${after}`;
    ctx.emit(tighter ? tightened : relaxed, path, `${field}: ${keyword} ${verb} ${detail}`, {
      before,
      after,
    });
  }
}

interface Bound {
  value: number;
  exclusive: boolean;
}

/** The effective numeric bound on one side: the tightest of `maximum` and `exclusiveMaximum` (or min). */
function bound(node: SchemaNode, side: Side): Bound | undefined {
  const inclusive = node[side === 'max' ? 'maximum' : 'minimum'];
  const exclusive = node[side === 'max' ? 'exclusiveMaximum' : 'exclusiveMinimum'];
  const candidates: Bound[] = [];
  // Draft 4 spelled exclusivity as a boolean beside maximum/minimum.
  if (isNumber(inclusive)) candidates.push({ value: inclusive, exclusive: exclusive === true });
  if (isNumber(exclusive)) candidates.push({ value: exclusive, exclusive: true });
  let best: Bound | undefined;
  for (const c of candidates) {
    if (best === undefined || isTighter(c, best, side)) best = c;
  }
  return best;
}

function isTighter(a: Bound, b: Bound, side: Side): boolean {
  if (a.value !== b.value) return side === 'max' ? a.value < b.value : a.value > b.value;
  return a.exclusive && !b.exclusive;
}

function showBound(b: Bound | undefined, side: Side): string {
  if (b === undefined) return 'no bound';
  return `${side === 'max' ? (b.exclusive ? '<' : '≤') : b.exclusive ? '>' : '≥'} ${b.value}`;
}

function keywords(node: SchemaNode, side: Side): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const k of side === 'max' ? ['maximum', 'exclusiveMaximum'] : ['minimum', 'exclusiveMinimum']) {
    if (node[k] !== undefined) out[k] = node[k];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `maximum` / `exclusiveMaximum` and `minimum` / `exclusiveMinimum`, compared as effective bounds. */
export function diffNumericBounds(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  for (const side of ['max', 'min'] as const) {
    const p = bound(prev, side);
    const n = bound(next, side);
    if (p === undefined && n === undefined) continue;
    if (p !== undefined && n !== undefined && p.value === n.value && p.exclusive === n.exclusive) continue;
    const tighter = p === undefined || (n !== undefined && isTighter(n, p, side));
    const name = side === 'max' ? 'upper bound' : 'lower bound';
    const rule: ChangeRule =
      side === 'max'
        ? tighter
          ? 'maximum-tightened'
          : 'maximum-relaxed'
        : tighter
          ? 'minimum-tightened'
          : 'minimum-relaxed';
    ctx.emit(
      rule,
      path,
      `${fieldLabel(path)}: ${name} ${tighter ? 'tightened' : 'relaxed'} from ${showBound(p, side)} to ${showBound(n, side)}`,
      { before: keywords(prev, side), after: keywords(next, side) },
    );
  }
}

/** `multipleOf` (a multiple of the old step is stricter) and `uniqueItems`. */
export function diffStepAndUnique(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const field = fieldLabel(path);
  const before = prev['multipleOf'];
  const after = next['multipleOf'];
  if (!deepEqual(before, after)) {
    let breaks: ('producers' | 'consumers')[] = ['producers', 'consumers'];
    if (before === undefined) breaks = ['producers'];
    else if (after === undefined) breaks = ['consumers'];
    else if (isNumber(before) && isNumber(after)) {
      if (Number.isInteger(after / before)) breaks = ['producers'];
      else if (Number.isInteger(before / after)) breaks = ['consumers'];
    }
    ctx.emit(
      'multiple-of-changed',
      path,
      `${field}: multipleOf changed from ${show(before)} to ${show(after)}`,
      {
        before,
        after,
        breaks,
      },
    );
  }
  const wasUnique = prev['uniqueItems'] === true;
  const isUnique = next['uniqueItems'] === true;
  if (!wasUnique && isUnique) {
    ctx.emit('unique-items-added', path, `${field}: items must now be unique`, {
      before: false,
      after: true,
    });
  } else if (wasUnique && !isUnique) {
    ctx.emit('unique-items-removed', path, `${field}: items may now repeat`, { before: true, after: false });
  }
}
