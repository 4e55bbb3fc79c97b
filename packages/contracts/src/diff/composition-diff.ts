import { joinPointer } from '../json-pointer';
import type { ContractChange } from './change';
import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { deepEqual } from './deep-equal';
import type { BreakSide } from './rules';

const BRANCHED = ['allOf', 'anyOf', 'oneOf'] as const;
const CONDITIONAL = ['not', 'if', 'then', 'else'] as const;

function rules(changes: ContractChange[]): string {
  return [...new Set(changes.map((c) => c.rule))].join(', ');
}

/** Pairs equal branches first (reordering is not a change), then the rest position by position. */
function pairBranches(p: unknown[], n: unknown[]) {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  const pLeft: number[] = [];
  p.forEach((branch, i) => {
    const j = n.findIndex((other, k) => !used.has(k) && deepEqual(branch, other));
    if (j >= 0) {
      used.add(j);
      pairs.push([i, j]);
    } else pLeft.push(i);
  });
  const nLeft = n.map((_, k) => k).filter((k) => !used.has(k));
  const common = Math.min(pLeft.length, nLeft.length);
  for (let x = 0; x < common; x++) pairs.push([pLeft[x]!, nLeft[x]!]);
  return { pairs, removed: pLeft.length - common, added: nLeft.length - common };
}

/** Who a change in the number of branches breaks, for each combinator. */
function branchBreaks(keyword: (typeof BRANCHED)[number], added: number, removed: number): BreakSide[] {
  if (keyword === 'oneOf') return ['producers', 'consumers'];
  const out = new Set<BreakSide>();
  // anyOf: one more alternative accepts more (consumers); allOf: one more constraint accepts less.
  if (added > 0) out.add(keyword === 'anyOf' ? 'consumers' : 'producers');
  if (removed > 0) out.add(keyword === 'anyOf' ? 'producers' : 'consumers');
  return [...out];
}

/**
 * `allOf` / `anyOf` / `oneOf` branch by branch, conservatively; `not` / `if` / `then` / `else` as a whole.
 * What cannot be classified is `composition-changed`.
 */
export function diffComposition(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const field = fieldLabel(path);
  for (const keyword of BRANCHED) {
    const before = prev[keyword];
    const after = next[keyword];
    if (before === undefined && after === undefined) continue;
    const subPath = joinPointer(path, keyword);
    if ((before !== undefined && !Array.isArray(before)) || (after !== undefined && !Array.isArray(after))) {
      if (!deepEqual(before, after)) {
        ctx.emit(
          'composition-changed',
          subPath,
          `${field}: ${keyword} is not an array; changed, review by hand`,
        );
      }
      continue;
    }
    if (before === undefined || after === undefined) {
      ctx.emit(
        'composition-changed',
        subPath,
        `${field}: ${keyword} ${before === undefined ? 'added' : 'removed'}; review the alternatives by hand`,
        { before, after, breaks: before === undefined ? ['producers'] : ['consumers'] },
      );
      continue;
    }
    const { pairs, added, removed } = pairBranches(before, after);
    const inner = ctx.collect(() => {
      for (const [i, j] of pairs) ctx.walk(before[i], after[j], joinPointer(subPath, j));
    });
    const breakingInner = inner.filter((c) => c.breaks.length > 0);
    if (keyword === 'oneOf' && breakingInner.length > 0) {
      ctx.emit(
        'composition-changed',
        subPath,
        `${field}: oneOf alternatives changed (${rules(breakingInner)}); exclusivity may change which records match, review by hand`,
        { before, after },
      );
      ctx.keep(inner.filter((c) => c.breaks.length === 0));
    } else ctx.keep(inner);
    if (added > 0 || removed > 0) {
      ctx.emit(
        'composition-changed',
        subPath,
        `${field}: ${keyword} went from ${before.length} to ${after.length} alternatives (${added} added, ${removed} removed)`,
        { before, after, breaks: branchBreaks(keyword, added, removed) },
      );
    }
  }
  for (const keyword of CONDITIONAL) {
    const before = prev[keyword];
    const after = next[keyword];
    if (before === undefined && after === undefined) continue;
    const subPath = joinPointer(path, keyword);
    if (before === undefined || after === undefined) {
      ctx.emit(
        'composition-changed',
        subPath,
        `${field}: \`${keyword}\` ${before === undefined ? 'added' : 'removed'}`,
        {
          before,
          after,
        },
      );
      continue;
    }
    const inner = ctx.collect(() => ctx.walk(before, after, subPath));
    if (inner.some((c) => c.breaks.length > 0)) {
      ctx.emit(
        'composition-changed',
        subPath,
        `${field}: \`${keyword}\` changed (${rules(inner)}); review by hand`,
        {
          before,
          after,
        },
      );
    } else ctx.keep(inner);
  }
}
