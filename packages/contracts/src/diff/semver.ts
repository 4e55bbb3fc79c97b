import { SEMVER_PATTERN } from '../contract-schema';
import type { ChangeBump } from './bump';

/**
 * A parsed semantic version.
 *
 * @example
 * ```ts
 * import { parseVersion, type SemVer } from '@tukar/contracts';
 *
 * const version: SemVer | undefined = parseVersion('2.0.0-rc.1');
 * if (version && version.prerelease.length > 0) {
 *   console.warn(`${version.major}.${version.minor}.${version.patch} is still a release candidate`);
 * }
 * ```
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers: `rc.1` → `['rc', 1]`; empty for a release. */
  prerelease: (string | number)[];
  build: string[];
}

/**
 * A version bump: what one version did relative to another.
 *
 * @example
 * ```ts
 * import { type VersionBump, versionBump } from '@tukar/contracts';
 *
 * const bump: VersionBump = versionBump('1.2.0', '1.3.0'); // 'minor'
 * if (bump === 'downgrade') throw new Error('the new contract carries a lower version');
 * if (bump === 'none') throw new Error('bump the version field of the contract');
 * ```
 */
export type VersionBump = ChangeBump | 'downgrade';

/**
 * Thrown for a string that is not a semantic version.
 *
 * @example
 * ```ts
 * import { nextVersion, VersionError } from '@tukar/contracts';
 *
 * try {
 *   nextVersion('v1.2', 'minor');
 * } catch (error) {
 *   if (!(error instanceof VersionError)) throw error;
 *   console.error(`${error.code}: ${error.version}`); // invalid_version: v1.2
 * }
 * ```
 */
export class VersionError extends Error {
  readonly code = 'invalid_version' as const;
  constructor(
    message: string,
    readonly version: string,
  ) {
    super(message);
    this.name = 'VersionError';
  }
}

/**
 * Parses `MAJOR.MINOR.PATCH[-pre][+build]` (no leading `v`); `undefined` when it is not one.
 *
 * @example
 * ```ts
 * parseVersion('1.2.0-rc.1'); // { major: 1, minor: 2, patch: 0, prerelease: ['rc', 1], build: [] }
 * parseVersion('v1.2'); // undefined
 * ```
 */
export function parseVersion(version: string): SemVer | undefined {
  if (typeof version !== 'string' || version.length > 256) return undefined;
  const m = SEMVER_PATTERN.exec(version);
  if (!m) return undefined;
  const [major, minor, patch] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  const prerelease = m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major, minor, patch, prerelease, build: m[5] ? m[5].split('.') : [] };
}

function parseOrThrow(version: string, what: string): SemVer {
  const parsed = parseVersion(version);
  if (!parsed) {
    throw new VersionError(
      `${what} ${JSON.stringify(version)} is not a semantic version: write MAJOR.MINOR.PATCH such as 1.2.0 (pre-release 1.2.0-rc.1 allowed, no leading v)`,
      String(version),
    );
  }
  return parsed;
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // numeric identifiers sort before alphanumeric ones
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareParsed(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length); // a release sorts after its pre-releases
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIds(x, y);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

/**
 * Orders two versions by semver precedence (build metadata ignored): negative, 0 or positive.
 * Throws {@link VersionError} for an invalid version.
 *
 * @example
 * ```ts
 * compareVersions('1.2.0-rc.1', '1.2.0'); // -1
 * compareVersions('1.10.0', '1.9.3'); // 1
 * ```
 */
export function compareVersions(a: string, b: string): number {
  return compareParsed(parseOrThrow(a, 'version'), parseOrThrow(b, 'version'));
}

/**
 * The smallest version after `version` that carries `bump` (as `npm version` does: a pre-release is
 * released by the bump it is heading for, `1.2.0-rc.1` + minor → `1.2.0`). `none` returns it unchanged.
 *
 * @example
 * ```ts
 * nextVersion('1.2.3', 'minor'); // '1.3.0'
 * nextVersion('2.0.0-rc.2', 'major'); // '2.0.0'
 * ```
 */
export function nextVersion(version: string, bump: ChangeBump): string {
  const v = parseOrThrow(version, 'version');
  if (bump === 'none') return version;
  const pre = v.prerelease.length > 0;
  if (bump === 'major') {
    return pre && v.minor === 0 && v.patch === 0 ? `${v.major}.0.0` : `${v.major + 1}.0.0`;
  }
  if (bump === 'minor')
    return pre && v.patch === 0 ? `${v.major}.${v.minor}.0` : `${v.major}.${v.minor + 1}.0`;
  return pre ? `${v.major}.${v.minor}.${v.patch}` : `${v.major}.${v.minor}.${v.patch + 1}`;
}

/**
 * What going from `previous` to `next` did. Towards a pre-release, the level of the version being
 * prepared counts (`1.2.0` → `2.0.0-rc.1` is major); between versions with the same core
 * (`2.0.0-rc.1` → `2.0.0-rc.2` or `2.0.0`) it is the level of that core (`x.0.0` major, `x.y.0` minor,
 * else patch), as `semver.diff` reports it.
 *
 * @example
 * ```ts
 * versionBump('1.2.0', '1.3.0'); // 'minor'
 * versionBump('1.3.0', '1.2.9'); // 'downgrade'
 * versionBump('2.0.0-rc.1', '2.0.0'); // 'major'
 * ```
 */
export function versionBump(previous: string, next: string): VersionBump {
  const a = parseOrThrow(previous, 'previous version');
  const b = parseOrThrow(next, 'next version');
  const order = compareParsed(a, b);
  if (order > 0) return 'downgrade';
  if (order === 0) return 'none';
  if (a.major !== b.major) return 'major';
  if (a.minor !== b.minor) return 'minor';
  if (a.patch !== b.patch) return 'patch';
  // Same core, previous is a pre-release: the level of the release being prepared.
  if (b.minor === 0 && b.patch === 0) return 'major';
  return b.patch === 0 ? 'minor' : 'patch';
}
