/** Compatibility and diff of data contracts: rules, schema and contract diff, modes, semver, rendering. */

export type { ChangeBump } from './bump';
export { CHANGE_BUMPS, compareBumps, isChangeBump, largestBump } from './bump';
export type { ContractChange } from './change';
export type { CompatibilityResult, CompatibilityViolation } from './compatibility';
export { checkCompatibility } from './compatibility';
export type { ContractDiff } from './contract-diff';
export { bumpSatisfies, diffContracts, minimumVersion } from './contract-diff';
export type { FormatDiffOptions } from './format-diff';
export { formatDiff } from './format-diff';
export { breakingChanges, isTransitiveMode, refusedSides } from './modes';
export type { BreakSide, ChangeRule, RuleInfo } from './rules';
export { CHANGE_RULE_IDS, CHANGE_RULES } from './rules';
export { diffSchemas } from './schema-diff';
export type { SemVer, VersionBump } from './semver';
export { compareVersions, nextVersion, parseVersion, VersionError, versionBump } from './semver';
