/**
 * A semver bump, smallest first.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * if (outcome.ok && outcome.report.demanded === 'major') {
 *   console.warn('a contract change breaks consumers: announce the major release to the OPDs');
 * }
 * ```
 */
export type Bump = 'none' | 'patch' | 'minor' | 'major';

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** Order of two bumps: negative when `a` is smaller than `b`. */
export function compareBump(a: Bump, b: Bump): number {
  return RANK[a] - RANK[b];
}

/** The largest of the given bumps (`none` for none). */
export function maxBump(bumps: Iterable<Bump>): Bump {
  let max: Bump = 'none';
  for (const bump of bumps) if (RANK[bump] > RANK[max]) max = bump;
  return max;
}

/** Whether `value` is one of `none`, `patch`, `minor`, `major`. */
export function isBump(value: string): value is Bump {
  return Object.hasOwn(RANK, value);
}
