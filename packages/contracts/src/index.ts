// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * @tukar/contracts — Tukar data contracts: the contract format, its loader, the record compiler (ajv),
 * the Indonesian reference-code formats, PII masking and the compatibility diff.
 *
 * @packageDocumentation
 */

// Contract document format (zod schema, types, constants)
export type {
  Classification,
  CompatibilityMode,
  Contract,
  ContractInput,
  ContractStatus,
  Pagination,
  ProviderSpec,
  UpdateFrequency,
} from './contract-schema';
export {
  CLASSIFICATIONS,
  COMPATIBILITY_MODES,
  CONTRACT_STATUSES,
  contractSchema,
  paginationSchema,
  providerSchema,
  UPDATE_FREQUENCIES,
} from './contract-schema';

// Loading and checking contract files
export type { LoadOptions } from './load-contract';
export { isContractPath, loadContract, parseContract } from './load-contract';
export type { ContractProblem, ContractProblemCode, LoadResult } from './contract-problem';
export { formatProblem } from './contract-problem';

// Compiling contracts and checking records
export type { CompiledContract } from './compile-contract';
export { clearCompiledContracts, compileContract } from './compile-contract';
export type { RecordIssue } from './record-issue';

// Errors
export type { ContractErrorCode } from './contract-error';
export { ContractError } from './contract-error';

// Indonesian reference-code formats
export type { ReferenceFormat, ReferenceFormatName } from './formats/index';
export {
  addReferenceFormats,
  explainReferenceCode,
  isReferenceFormatName,
  isValidReferenceCode,
  REFERENCE_FORMAT_NAMES,
  referenceFormatSpecs,
} from './formats/index';
export { toDottedKodeWilayah } from './formats/wilayah';
export type { WilayahLevel, WilayahSource } from './formats/wilayah-data';
export { setWilayahSource, wilayahCodes } from './formats/wilayah-data';

// Personal data (x-pii) masking
export { isPiiField, isPiiPointer, maskRecord, maskValue, piiPaths } from './pii';

// JSON Pointer helper (record paths of keys, as ajv and the reports write them)
export { escapePointer } from './json-pointer';

// Compatibility and diff (src/diff)
export type {
  BreakSide,
  ChangeBump,
  ChangeRule,
  CompatibilityResult,
  CompatibilityViolation,
  ContractChange,
  ContractDiff,
  FormatDiffOptions,
  RuleInfo,
  SemVer,
  VersionBump,
} from './diff/index';
export {
  breakingChanges,
  bumpSatisfies,
  CHANGE_BUMPS,
  CHANGE_RULE_IDS,
  CHANGE_RULES,
  checkCompatibility,
  compareBumps,
  compareVersions,
  diffContracts,
  diffSchemas,
  formatDiff,
  isChangeBump,
  isTransitiveMode,
  largestBump,
  minimumVersion,
  nextVersion,
  parseVersion,
  refusedSides,
  VersionError,
  versionBump,
} from './diff/index';

// Import: draft contracts from what the OPD already has (src/import; SQL and live tables in @tukar/contracts/sql)
export type {
  ColumnDescription,
  ColumnRule,
  SqlDialect,
  TableDescription,
} from './import/table-description';
export { SQL_DIALECTS } from './import/table-description';
export type { ColumnMapping, PropertySchema } from './import/column-schema';
export { columnSchema } from './import/column-schema';
export type { ImportDecision, ImportOptions, ImportResult } from './import/import-result';
export type { ImportSuggestion } from './import/suggest';
export { suggestForProperties } from './import/suggest';
export { tableToContract } from './import/table-to-contract';
export { formatSuggestion, renderImportYaml } from './import/render-import';
export type { ImportErrorCode } from './import/import-error';
export { ImportError } from './import/import-error';

// Export: the contract in other forms (src/export)
export type { DdlOptions } from './export/to-ddl';
export { toDdl } from './export/to-ddl';
export { toOdcs } from './export/to-odcs';
export { importOdcs, odcsTables } from './import/from-odcs';
export type { JsonSchemaExportOptions } from './export/to-json-schema';
export { toJsonSchema } from './export/to-json-schema';
export { toTableSchema } from './export/to-table-schema';
export type { InferOptions } from './import/infer-records';
export { inferFromRecords } from './import/infer-records';
export { parseSampleText } from './import/sample-text';
export type { EndpointProbe, ProbeOptions } from './import/probe-endpoint';
export { probeEndpoint } from './import/probe-endpoint';
export type { DictionaryRow } from './export/dictionary-rows';
export type { Words } from './export/rules-in-words';
export { dataDictionaryRows } from './export/dictionary-rows';
export type { DataDictionaryOptions } from './export/data-dictionary-html';
export { toDataDictionaryHtml } from './export/data-dictionary-html';
export type { DictionaryTable } from './export/dictionary-table';
export { dataDictionaryTable } from './export/dictionary-table';
export { importDataDictionary } from './import/from-dictionary';
export { parseCsv, toCsv } from './import/csv';
export type { SheetCell } from './import/sheet-records';
export { csvSheetRecords, sheetRecords } from './import/sheet-records';
export { BPS_METADATA_COLUMNS, bpsMetadataRows } from './export/bps-metadata';
