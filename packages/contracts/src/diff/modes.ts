import type { CompatibilityMode } from '../contract-schema';
import type { ContractChange } from './change';
import type { BreakSide } from './rules';

const REFUSED: Record<CompatibilityMode, readonly BreakSide[]> = {
  backward: ['producers'],
  forward: ['consumers'],
  full: ['producers', 'consumers'],
  none: [],
};

/**
 * Whom a compatibility mode protects: `backward` refuses changes that break producers (new readers must
 * accept old data), `forward` those that break consumers, `full` both, `none` nothing.
 *
 * @example
 * ```ts
 * refusedSides('full'); // ['producers', 'consumers']
 * ```
 */
export function refusedSides(mode: CompatibilityMode): readonly BreakSide[] {
  const sides = REFUSED[mode];
  if (!sides) {
    throw new TypeError(
      `unknown compatibility mode ${JSON.stringify(mode)}: use backward, forward, full or none`,
    );
  }
  return sides;
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
