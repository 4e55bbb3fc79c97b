/**
 * Semver bumps, smallest first: `none` (nothing to release), `patch`, `minor`, `major`.
 *
 * @example
 * ```ts
 * import { CHANGE_BUMPS } from '@tukar/contracts';
 *
 * // Choices of a "release" dropdown
 * const options = CHANGE_BUMPS.filter((bump) => bump !== 'none');
 * ```
 */
export const CHANGE_BUMPS = ['none', 'patch', 'minor', 'major'] as const;

/**
 * A semver bump: what one change, a whole diff or a changeset demands. `none` only for changes that are
 * not content (status). The one bump type of Tukar: the diff, `tukar contract check` and the changeset
 * rules all use it.
 *
 * @example
 * ```ts
 * import { type ChangeBump, type Contract, diffContracts } from '@tukar/contracts';
 *
 * const label: Record<ChangeBump, string> = { major: 'MAJOR', minor: 'minor', patch: 'patch', none: '-' };
 * declare const v1: Contract;
 * declare const v2: Contract;
 * for (const change of diffContracts(v1, v2).changes) console.log(`${label[change.bump]}\t${change.rule}\t${change.path}`);
 * ```
 */
export type ChangeBump = (typeof CHANGE_BUMPS)[number];

const RANK: Record<ChangeBump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * Whether a string is one of {@link CHANGE_BUMPS}.
 *
 * @example
 * ```ts
 * import { isChangeBump } from '@tukar/contracts';
 *
 * isChangeBump('minor'); // true
 * isChangeBump('premajor'); // false
 * ```
 */
export function isChangeBump(value: string): value is ChangeBump {
  return Object.hasOwn(RANK, value);
}

/**
 * Orders bumps: negative when `a` is smaller than `b`, 0 when equal.
 *
 * @example
 * ```ts
 * import { compareBumps } from '@tukar/contracts';
 *
 * compareBumps('patch', 'major') < 0; // true
 * ```
 */
export function compareBumps(a: ChangeBump, b: ChangeBump): number {
  return RANK[a] - RANK[b];
}

/**
 * The largest of some bumps (`none` for none).
 *
 * @example
 * ```ts
 * import { largestBump } from '@tukar/contracts';
 *
 * largestBump(['patch', 'minor', 'none']); // 'minor'
 * largestBump([]); // 'none'
 * ```
 */
export function largestBump(bumps: Iterable<ChangeBump>): ChangeBump {
  let max: ChangeBump = 'none';
  for (const bump of bumps) if (RANK[bump] > RANK[max]) max = bump;
  return max;
}
