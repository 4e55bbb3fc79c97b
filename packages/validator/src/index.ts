// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * @tukar/validator — checks an OPD's data against its Tukar data contract (SOP steps 8–10): a file
 * (JSON array or NDJSON, gzip, stdin), a live OPD endpoint crawled page by page, or a hub dataset;
 * streaming, with primary-key uniqueness in bounded memory; one {@link ValidationReport} rendered for
 * terminals, machines, CI and the printed *Laporan Hasil Validasi*.
 *
 * The streaming parsers, the key index and the sources are internals: they are not exported.
 *
 * @packageDocumentation
 */

// Validating
export {
  validateEndpoint,
  validateFile,
  validateHubDataset,
  validateSource,
  validateStream,
} from './validate';
export type { FileValidationOptions, SourceSpec, StreamValidationOptions } from './validate';
export type { EndpointOptions, ProviderOverrides } from './sources/endpoint/crawl-options';
export type { HubDatasetOptions } from './sources/hub-source';
export type { FileReadOptions, InputFormat } from './sources/file-source';
export type { FetchFunction } from './sources/http-fetch';
export type { CheckerOptions, ValidationProgress } from './engine/record-checker';
export type { UniquenessOptions } from './engine/key-index';
export type { ContractInput } from './contract-input';

// Errors
export { ValidatorConfigError } from './config-error';
export type { ValidatorConfigErrorCode } from './config-error';

// The report
export { DEFAULT_MAX_ERRORS, RULE_EXAMPLES } from './report';
export type {
  CheckId,
  CheckResult,
  HttpStats,
  ReportContract,
  ReportNote,
  ReportNoteCode,
  ReportSource,
  RuleSummary,
  SourceKind,
  StopReason,
  UniquenessSummary,
  ValidationIssue,
  ValidationReport,
} from './report';

// Renderers
export { renderTerminal } from './render/terminal';
export type { TerminalOptions } from './render/terminal';
export { renderJson } from './render/json';
export { renderMarkdown } from './render/markdown';
export type { MarkdownOptions } from './render/markdown';
export { renderJunit } from './render/junit';
export type { JunitOptions } from './render/junit';
export { renderHtml } from './render/html';
export type { HtmlOptions } from './render/html';

// To the hub
export { HUB_MAX_ISSUES, toHubReport } from './hub-report';
export type { HubValidationReportInput, ToHubReportOptions } from './hub-report';
