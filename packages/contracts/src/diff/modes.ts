import type { CompatibilityMode } from '../contract-schema';
import type { ContractChange } from './change';
import type { BreakSide } from './rules';

const P = ['producers'] as const;
const C = ['consumers'] as const;
const BOTH = ['producers', 'consumers'] as const;

const REFUSED: Record<CompatibilityMode, readonly BreakSide[]> = {
  backward: P,
  forward: C,
  full: BOTH,
  none: [],
  backward_transitive: P,
  forward_transitive: C,
  full_transitive: BOTH,
};

/**
 * Whom a compatibility mode protects: `backward` refuses changes that break producers (new readers must
 * accept old data), `forward` those that break consumers, `full` both, `none` nothing. A `_transitive`
 * mode protects the same side as its plain mode.
 *
 * @example
 * ```ts
 * refusedSides('full'); // ['producers', 'consumers']
 * refusedSides('backward_transitive'); // ['producers']
 * ```
 */
export function refusedSides(mode: CompatibilityMode): readonly BreakSide[] {
  const sides = Object.hasOwn(REFUSED, mode) ? REFUSED[mode] : undefined;
  if (!sides) {
    throw new TypeError(
      `unknown compatibility mode ${JSON.stringify(mode)}: use backward, forward, full or none, or backward_transitive, forward_transitive, full_transitive`,
    );
  }
  return sides;
}

/**
 * Whether a mode judges a version against every earlier agreed version (`backward_transitive`,
 * `forward_transitive`, `full_transitive`) rather than only the latest one.
 *
 * @example
 * ```ts
 * import { isTransitiveMode } from '@tukar/contracts';
 *
 * isTransitiveMode('full_transitive'); // true
 * isTransitiveMode('full'); // false
 * ```
 */
export function isTransitiveMode(mode: CompatibilityMode): boolean {
  refusedSides(mode);
  return mode.endsWith('_transitive');
}

/**
 * The changes a mode refuses.
 *
 * @example
 * ```ts
 * import { breakingChanges, type Contract, diffContracts } from '@tukar/contracts';
 *
 * declare const v1: Contract;
 * declare const v2: Contract;
 * const diff = diffContracts(v1, v2);
 * breakingChanges(diff.changes, 'forward').map((c) => c.rule); // e.g. ['field-removed']
 * ```
 */
export function breakingChanges(
  changes: readonly ContractChange[],
  mode: CompatibilityMode,
): ContractChange[] {
  const refused = refusedSides(mode);
  return changes.filter((change) => change.breaks.some((side) => refused.includes(side)));
}
