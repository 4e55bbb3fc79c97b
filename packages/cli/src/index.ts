// Public surface of @tukar/cli. The `tukar` binary is `src/bin.ts`; everything it does is importable here.

export type { Bump } from './check/bump';
export type { ParseChangesetResult, PendingChangeset } from './check/changesets';
export { parseChangeset, readChangesets } from './check/changesets';
export type {
  CheckContractsPackageOptions,
  CheckOutcome,
  CheckReport,
  ContractCheckEntry,
} from './check/check-contracts-package';
// `tukar contract check`: a contracts package against its last published state and pending changesets.
export { checkContractsPackage } from './check/check-contracts-package';
export type { CheckProblem, CheckProblemCode } from './check/check-problem';
export { formatCheckReport } from './check/format-check-report';
export type { CheckConfigError, CheckConfigErrorCode, PublishedBase } from './check/published-contracts';
export type { Colors } from './color';
// Colours: TTY, NO_COLOR and FORCE_COLOR.
export { createColors, useColor } from './color';
export type { UsageErrorCode } from './command';
export { EXIT, UsageError } from './command';
export type { FoundContractFiles } from './contract-files';
// Finding contract files in directories.
export { findContractFiles, looksLikeContract } from './contract-files';
export type { CliIO, CliStream } from './io';
// Running the command in-process (tests, other tools).
export { runCli } from './run-cli';
