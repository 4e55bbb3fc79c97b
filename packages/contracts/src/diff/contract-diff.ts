import type { CompatibilityMode, Contract } from '../contract-schema';
import type { ChangeBump } from './bump';
import { compareBumps, largestBump } from './bump';
import type { ContractChange } from './change';
import { diffContractFields } from './contract-fields-diff';
import { breakingChanges } from './modes';
import { diffSchemas } from './schema-diff';
import type { VersionBump } from './semver';
import { nextVersion, versionBump } from './semver';

/**
 * The classified difference between two versions of a contract.
 *
 * @example
 * ```ts
 * import { type Contract, type ContractDiff, diffContracts } from '@tukar/contracts';
 *
 * declare const v1: Contract;
 * declare const v2: Contract;
 * const diff: ContractDiff = diffContracts(v1, v2);
 * const { previous, next, minimum } = diff.versions;
 * console.log(`${diff.contract} ${previous} → ${next}: ${diff.changes.length} change(s), demands ${diff.bump}`);
 * if (!diff.versionOk) console.error(`version must be at least ${minimum}`);
 * if (!diff.compatible) console.error(`${diff.breaking.length} change(s) refused under ${diff.mode}`);
 * ```
 */
export interface ContractDiff {
  /** Every change: the contract's fields first, then the record schema in document order. */
  changes: ContractChange[];
  /** The smallest semver bump the changes demand (the largest bump of any change). */
  bump: ChangeBump;
  /** The changes refused by `mode` (the next contract's compatibility mode). */
  breaking: ContractChange[];
  /** `true` when `mode` refuses none of the changes. */
  compatible: boolean;
  /** What the version fields actually did. */
  versionBump: VersionBump;
  /** The version was bumped at least as much as `bump` demands (never for a downgrade). */
  versionOk: boolean;
  /** The compatibility mode the changes were checked against. */
  mode: CompatibilityMode;
  contract: string;
  versions: {
    previous: string;
    next: string;
    /** The smallest version the next contract may carry: `nextVersion(previous, bump)`. */
    minimum: string;
  };
}

/**
 * Whether a version bump satisfies a demanded bump.
 *
 * @example
 * ```ts
 * bumpSatisfies('major', 'minor'); // true
 * bumpSatisfies('downgrade', 'none'); // false
 * ```
 */
export function bumpSatisfies(actual: VersionBump, demanded: ChangeBump): boolean {
  if (actual === 'downgrade') return false;
  return compareBumps(actual, demanded) >= 0;
}

/**
 * Classifies every change between two versions of a contract, says whom each breaks, the smallest
 * semver bump the changes demand, whether the next contract's compatibility mode accepts them and
 * whether the version fields were bumped enough.
 *
 * @example
 * ```ts
 * import { diffContracts } from '@tukar/contracts';
 * const diff = diffContracts(v1, v2);
 * if (!diff.compatible) console.error(diff.breaking.map((c) => `${c.rule} ${c.path}`).join('\n'));
 * if (!diff.versionOk) console.error(`version must be at least ${diff.versions.minimum}`);
 * ```
 */
export function diffContracts(previous: Contract, next: Contract): ContractDiff {
  const changes = [...diffContractFields(previous, next), ...diffSchemas(previous.schema, next.schema)];
  const bump = largestBump(changes.map((change) => change.bump));
  const mode = next.compatibility ?? 'backward';
  const breaking = breakingChanges(changes, mode);
  const actual = versionBump(previous.version, next.version);
  return {
    changes,
    bump,
    breaking,
    compatible: breaking.length === 0,
    versionBump: actual,
    versionOk: bumpSatisfies(actual, bump),
    mode,
    contract: next.contract,
    versions: {
      previous: previous.version,
      next: next.version,
      minimum: nextVersion(previous.version, bump),
    },
  };
}

/**
 * The smallest version `next` may carry after `previous`, given their diff.
 *
 * @example
 * ```ts
 * minimumVersion(v1, diffContracts(v1, v2)); // e.g. '2.0.0' after a field was removed from 1.4.2
 * ```
 */
export function minimumVersion(previous: Contract, diff: Pick<ContractDiff, 'bump'>): string {
  return nextVersion(previous.version, diff.bump);
}
