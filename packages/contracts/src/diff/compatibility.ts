import type { CompatibilityMode, Contract } from '../contract-schema';
import type { ContractChange } from './change';
import { diffContracts } from './contract-diff';
import { breakingChanges } from './modes';

/**
 * The outcome of {@link checkCompatibility}.
 *
 * @example
 * ```ts
 * import { type CompatibilityResult, checkCompatibility, type Contract } from '@tukar/contracts';
 *
 * declare const v1: Contract;
 * declare const v2: Contract;
 * const result: CompatibilityResult = checkCompatibility(v1, v2);
 * if (!result.compatible) {
 *   for (const v of result.violations) console.error(`${v.rule} ${v.path}: breaks ${v.breaks.join(' + ')}`);
 * }
 * ```
 */
export interface CompatibilityResult {
  compatible: boolean;
  /** The changes the mode refuses, each with its rule, path and whom it breaks. */
  violations: ContractChange[];
}

/**
 * Checks whether `next` may follow `previous` under a compatibility mode (by default the next
 * contract's own), as a schema registry does: `backward` refuses changes that break producers,
 * `forward` those that break consumers, `full` both, `none` nothing.
 *
 * @example
 * ```ts
 * import { checkCompatibility } from '@tukar/contracts';
 * const { compatible, violations } = checkCompatibility(v1, v2, 'full');
 * for (const v of violations) console.log(`${v.rule} at ${v.path}: ${v.message}`);
 * ```
 */
export function checkCompatibility(
  previous: Contract,
  next: Contract,
  mode: CompatibilityMode = next.compatibility ?? 'backward',
): CompatibilityResult {
  const violations = breakingChanges(diffContracts(previous, next).changes, mode);
  return { compatible: violations.length === 0, violations };
}
