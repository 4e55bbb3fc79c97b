/** Compatibility and diff of data contracts: rules, schema and contract diff, modes, semver, rendering. */

export type { ContractChange } from './change';
export type { CompatibilityResult } from './compatibility';
export { checkCompatibility } from './compatibility';
export type { ContractDiff, DiffBump } from './contract-diff';
export { bumpSatisfies, diffContracts, minimumVersion } from './contract-diff';
export type { FormatDiffOptions } from './format-diff';
export { formatDiff } from './format-diff';
export { breakingChanges, refusedSides } from './modes';
export type { BreakSide, ChangeBump, ChangeRule, RuleInfo } from './rules';
export { CHANGE_RULE_IDS, CHANGE_RULES } from './rules';
export { diffSchemas } from './schema-diff';
export type { SemVer, VersionBump } from './semver';
export { compareVersions, nextVersion, parseVersion, VersionError, versionBump } from './semver';
