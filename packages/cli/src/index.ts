// Public surface of @tukar/cli. The `tukar` binary is `src/bin.ts`; these are the in-process entry points:
// - `runCli(argv, io)` runs any `tukar` command (with `CliIO`/`CliStream`) and resolves to one of the `EXIT` codes;
// - `checkContractsPackage(options)` is `tukar contract check` as a function, with its option, outcome and
//   report types, and `formatCheckReport` prints a report as the command does (colours from `createColors`).
// Everything else (command definitions, changeset parsing, contract file discovery, `UsageError`) is internal
// and may change without a major release. A type used in a public signature must stay exported here.

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
// Colours: TTY, NO_COLOR and FORCE_COLOR (for `formatCheckReport`, or `renderTerminal` of @tukar/validator).
export { createColors, useColor } from './color';
export { EXIT } from './command';
export type { CliIO, CliStream } from './io';
// Running the command in-process (tests, other tools).
export { runCli } from './run-cli';
