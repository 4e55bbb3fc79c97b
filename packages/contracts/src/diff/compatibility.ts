import type { CompatibilityMode, Contract } from '../contract-schema';
import type { ContractChange } from './change';
import { diffContracts } from './contract-diff';
import { breakingChanges, isTransitiveMode } from './modes';
import { compareVersions } from './semver';

/**
 * A change a compatibility mode refuses, with the earlier version it was judged against.
 *
 * @example
 * ```ts
 * import { type CompatibilityViolation, checkCompatibility, type Contract } from '@tukar/contracts';
 *
 * declare const v3: Contract;
 * declare const earlier: Contract[];
 * const violations: CompatibilityViolation[] = checkCompatibility(v3, earlier, 'backward_transitive').violations;
 * for (const v of violations) console.error(`against ${v.against}: ${v.rule} at ${v.path}`);
 * ```
 */
export interface CompatibilityViolation extends ContractChange {
  /** The version of the earlier contract the change was found against. */
  against: string;
}

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
  /** The changes the mode refuses, each with its rule, path, whom it breaks and the version it is against. */
  violations: CompatibilityViolation[];
  /** The earlier versions the next one was judged against, lowest first. */
  checked: string[];
}

function judge(previous: Contract, next: Contract, mode: CompatibilityMode): CompatibilityViolation[] {
  return breakingChanges(diffContracts(previous, next).changes, mode).map((change) => ({
    ...change,
    against: previous.version,
  }));
}

/**
 * Checks whether a contract version may follow earlier ones under a compatibility mode (by default the
 * next contract's own), as a schema registry does: `backward` refuses changes that break producers,
 * `forward` those that break consumers, `full` both, `none` nothing.
 *
 * Two forms:
 * - `checkCompatibility(previous, next, mode?)` judges `next` against `previous` alone;
 * - `checkCompatibility(next, earlier[], mode?)` judges `next` against the versions in `earlier` below it:
 *   the highest one for `backward` / `forward` / `full`, every one of them for `backward_transitive` /
 *   `forward_transitive` / `full_transitive` (a chain whose steps each pass `backward` can still refuse
 *   records its first version accepted). Versions not below `next.version` are ignored.
 *
 * @example
 * ```ts
 * import { checkCompatibility, type Contract } from '@tukar/contracts';
 *
 * declare const v1: Contract;
 * declare const v2: Contract;
 * declare const v3: Contract;
 * const { compatible, violations } = checkCompatibility(v1, v2, 'full');
 * for (const v of violations) console.log(`${v.rule} at ${v.path}: ${v.message}`);
 * // every earlier version, whatever v3 declares:
 * checkCompatibility(v3, [v1, v2], 'backward_transitive').checked; // ['1.0.0', '1.1.0']
 * ```
 */
export function checkCompatibility(
  previous: Contract,
  next: Contract,
  mode?: CompatibilityMode,
): CompatibilityResult;
export function checkCompatibility(
  next: Contract,
  earlier: readonly Contract[],
  mode?: CompatibilityMode,
): CompatibilityResult;
export function checkCompatibility(
  first: Contract,
  second: Contract | readonly Contract[],
  mode?: CompatibilityMode,
): CompatibilityResult {
  if (!Array.isArray(second)) {
    const next = second as Contract;
    const violations = judge(first, next, mode ?? next.compatibility ?? 'backward');
    return { compatible: violations.length === 0, violations, checked: [first.version] };
  }
  const next = first;
  const judged = mode ?? next.compatibility ?? 'backward';
  const below = (second as readonly Contract[])
    .filter((c) => compareVersions(c.version, next.version) < 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  const targets = isTransitiveMode(judged) ? below : below.slice(-1);
  const violations = targets.flatMap((previous) => judge(previous, next, judged));
  return {
    compatible: violations.length === 0,
    violations,
    checked: targets.map((c) => c.version),
  };
}
