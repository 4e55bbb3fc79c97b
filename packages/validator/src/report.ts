/**
 * The one value every validation run produces, and every renderer reads: {@link ValidationReport}.
 * Its issue shape is the hub's `ValidationIssue` (see `toHubReport`), so nothing is lost on the way
 * to `POST /v1/validation-reports`.
 */

/**
 * Where the records came from.
 *
 * @example
 * ```ts
 * import type { SourceKind, ValidationReport } from '@tukar/validator';
 *
 * function sourceTitle({ kind, location }: { kind: SourceKind; location: string }): string {
 *   switch (kind) {
 *     case 'file':
 *       return `Berkas ${location}`;
 *     case 'endpoint':
 *       return `Layanan OPD ${location}`;
 *     case 'hub':
 *       return `Dataset di hub ${location}`;
 *   }
 * }
 * const title = (report: ValidationReport) => sourceTitle(report.source);
 * ```
 */
export type SourceKind = 'file' | 'endpoint' | 'hub';

/**
 * The input of a run: a file (or stdin), a live OPD endpoint, or a hub dataset.
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * const { kind, location, format, gzip } = report.source;
 * console.log(kind === 'file' ? `${location} (${format}${gzip ? ', gzip' : ''})` : location);
 * ```
 */
export interface ReportSource {
  kind: SourceKind;
  /** The file path (`-` for stdin), the first URL crawled (secrets in the query masked), or `hub URL#dataset`. */
  location: string;
  /** For files: how the text was read. */
  format?: 'json' | 'ndjson';
  /** For files: whether it was gzip-compressed. */
  gzip?: boolean;
}

/**
 * The checks a run makes, one JUnit testcase each:
 * - `readable`: the input can be read and parsed (every NDJSON line or array element is JSON; the hub answers);
 * - `http-status`: every request to the endpoint got a 2xx answer (after retries);
 * - `content-type`: every answer has the contract's content type;
 * - `latency`: every answer came within the contract's `latencyBudgetMs`;
 * - `envelope`: every answer is JSON with the records where the contract says, and pagination behaves;
 * - `schema`: every record matches the contract's JSON Schema;
 * - `reference-codes`: kode wilayah, NIK, NIP, NPSN and NPWP values are real codes;
 * - `primary-key`: no two records share a primary key.
 *
 * @example
 * ```ts
 * import { type CheckId, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * const failed = (id: CheckId) => report.checks.some((check) => check.id === id && check.status === 'failed');
 * if (failed('primary-key')) console.error('Ada kode_puskesmas ganda: perbaiki sebelum diunggah ke hub.');
 * if (failed('latency') || failed('http-status')) console.error('Layanan OPD lambat atau gagal menjawab.');
 * ```
 */
export type CheckId =
  | 'readable'
  | 'http-status'
  | 'content-type'
  | 'latency'
  | 'envelope'
  | 'schema'
  | 'reference-codes'
  | 'primary-key';

/**
 * One thing wrong, with where it was found. The same fields as the hub's `ValidationIssue`.
 * Values of `x-pii` fields never appear unmasked in `message` or `key`.
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * for (const issue of report.issues.slice(0, 20)) {
 *   const where = issue.record === undefined ? 'input' : `record ${issue.record}${issue.key ? ` (${issue.key})` : ''}`;
 *   console.log(`${where} ${issue.path || '/'}: [${issue.code}] ${issue.message}`);
 * }
 * ```
 */
export interface ValidationIssue {
  /** Position of the record in the input, from 1; absent for findings about a response or the input as a whole. */
  record?: number;
  /** The record's primary key as the hub writes it (`encodeURIComponent`'d parts joined by `,`), masked when PII. */
  key?: string;
  /** JSON Pointer inside the record (`''` for the whole record or a response). */
  path: string;
  /** Stable code: a JSON Schema keyword (`required`, `type`, …), a reference format (`nik`, `kode-wilayah-desa`), or a validator code (`duplicate_key`, `http_status`, …). */
  code: string;
  /** What is wrong, for a person. */
  message: string;
  /** For endpoints: the page (from 1) the record or finding came from. */
  page?: number;
  /** For endpoints: the URL of that page (secrets in the query masked). */
  url?: string;
}

/**
 * The outcome of one check. `not-applicable` when the check cannot fail for this input.
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * for (const check of report.checks) {
 *   const mark = check.status === 'passed' ? '✔' : check.status === 'failed' ? '✖' : '–';
 *   console.log(`${mark} ${check.id}: ${check.issues} issue(s)${check.note ? ` — ${check.note}` : ''}`);
 * }
 * ```
 */
export interface CheckResult {
  id: CheckId;
  status: 'passed' | 'failed' | 'not-applicable';
  /** Issues counted for this check (all of them, also past the error cap). */
  issues: number;
  /** Why a check is not applicable, or what it covered. */
  note?: string;
}

/**
 * Issues of one rule (a code at a field), counted over the whole input, with a few examples.
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * // Rules come most frequent first: the three fields the OPD should fix first.
 * for (const rule of report.rules.slice(0, 3)) {
 *   const records = rule.examples.map((issue) => issue.record).join(', ');
 *   console.log(`${rule.path} [${rule.check}/${rule.code}]: ${rule.count}× (e.g. records ${records})`);
 * }
 * ```
 */
export interface RuleSummary {
  check: CheckId;
  code: string;
  /** The field, with array positions written as `*` (`/anggota/*\/nik`). */
  path: string;
  count: number;
  /** The first few issues of this rule (kept also past the error cap; at most {@link RULE_EXAMPLES}). */
  examples: ValidationIssue[];
}

/**
 * Timing and error counts of the HTTP requests of an endpoint crawl.
 *
 * @example
 * ```ts
 * import { validateEndpoint } from '@tukar/validator';
 *
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', { baseUrl: 'http://127.0.0.1:8090' });
 * if (report.http) {
 *   const { pages, requests, retries, p95Ms, latencyBudgetMs, overBudget } = report.http;
 *   console.log(`${pages} pages, ${requests} requests (${retries} retries), p95 ${p95Ms} ms`);
 *   if (overBudget > 0) console.warn(`${overBudget} answers slower than ${latencyBudgetMs} ms`);
 * }
 * ```
 */
export interface HttpStats {
  /** Every attempt, retries included. */
  requests: number;
  /** Attempts that failed: network error, timeout, or a status other than 2xx. */
  errors: number;
  /** Attempts that were repeats of a failed one. */
  retries: number;
  /** Pages read (whatever their answer). */
  pages: number;
  /** Body bytes received. */
  bytes: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The response-time budget each answer was held to. */
  latencyBudgetMs: number;
  /** Answers slower than the budget. */
  overBudget: number;
}

/**
 * How primary-key uniqueness was checked, said plainly.
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * const { mode, keys, note } = report.uniqueness;
 * if (mode !== 'exact') console.warn(`Uniqueness of ${keys} keys: ${note}`);
 * ```
 */
export interface UniquenessSummary {
  /**
   * - `exact`: every key kept as text, no doubt possible;
   * - `hashed`: past the exact bound, keys kept as 64-bit fingerprints (memory-bounded; a reported
   *   duplicate could in theory be a fingerprint collision, the note gives the odds);
   * - `saturated`: the key memory filled; later keys were checked against the kept ones only.
   */
  mode: 'exact' | 'hashed' | 'saturated';
  /** Keys kept. */
  keys: number;
  /** One plain sentence for the report. */
  note: string;
}

/**
 * Codes of {@link ReportNote}.
 *
 * @example
 * ```ts
 * import { type ReportNoteCode, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * // Notes that mean the run must be repeated before the report is delivered to the OPD.
 * const mustRerun: ReportNoteCode[] = ['stopped-early', 'details-partial', 'uniqueness-saturated'];
 * if (report.notes.some((note) => mustRerun.includes(note.code))) process.exitCode = 2;
 * ```
 */
export type ReportNoteCode =
  | 'details-partial'
  | 'stopped-early'
  | 'uniqueness-hashed'
  | 'uniqueness-saturated'
  | 'no-records';

/**
 * A plain statement about the run, in English and Bahasa Indonesia.
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * for (const note of report.notes) console.log(`Catatan (${note.code}): ${note.id}`);
 * ```
 */
export interface ReportNote {
  code: ReportNoteCode;
  en: string;
  id: string;
}

/**
 * Why a run did not read its whole input.
 *
 * @example
 * ```ts
 * import { validateEndpoint } from '@tukar/validator';
 *
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', { baseUrl: 'http://127.0.0.1:8090', maxPages: 50 });
 * const stop = report.stopReason;
 * if (stop?.code === 'max-pages' || stop?.code === 'max-records') {
 *   console.warn(`Partial check (a cap was reached): ${stop.message}`);
 * } else if (stop) {
 *   console.error(`The crawl stopped (${stop.code}): ${stop.message}`);
 * }
 * ```
 */
export interface StopReason {
  code:
    | 'max-records'
    | 'max-pages'
    | 'pagination-loop'
    | 'pagination-offsite'
    /** The endpoint gave no proof that its data ended where the crawl stopped (see the contract reference). */
    | 'end-unproven'
    | 'request-failed'
    | 'unreadable'
    | 'aborted';
  message: string;
}

/**
 * The contract a run checked against (what the printed report is headed with).
 *
 * @example
 * ```ts
 * import { validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 *
 * const { id, version, title, opd, unit, steward } = report.contract;
 * console.log(`${title} (${id} ${version})`);
 * console.log(`Produsen data: ${opd}${unit ? ` — ${unit}` : ''}; walidata: ${steward}`);
 * ```
 */
export interface ReportContract {
  id: string;
  version: string;
  title: string;
  status: string;
  classification: string;
  /** The producing OPD (*produsen data*). */
  opd: string;
  unit?: string;
  /** The data steward (*walidata*). */
  steward: string;
}

/**
 * The result of one validation run: what was checked, against what, how it went, and every issue up to
 * the error cap. Render it with `renderTerminal`, `renderJson`, `renderMarkdown`, `renderJunit` or
 * `renderHtml`; send it to the hub with `toHubReport`.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { renderHtml, type ValidationReport, validateFile } from '@tukar/validator';
 *
 * const report: ValidationReport = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * const { records, invalid, issues } = report.counts;
 * console.log(`${report.verdict}: ${invalid} of ${records} records invalid, ${issues} issues`);
 * if (!report.complete) console.warn('incomplete run:', report.stopReason?.message ?? 'issue details capped');
 * await writeFile('laporan-hasil-validasi.html', renderHtml(report));
 * process.exitCode = report.verdict === 'valid' ? 0 : 1;
 * ```
 */
export interface ValidationReport {
  /** Version of this report shape. */
  reportVersion: 1;
  /** The package that made it. */
  tool: { name: '@tukar/validator'; version: string };
  contract: ReportContract;
  source: ReportSource;
  /** ISO 8601 times. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** `true` when the whole input was read and every issue is listed in `issues`. */
  complete: boolean;
  /** `true` when more issues were found than `maxErrors`: `issues` lists the first ones, counts cover all. */
  detailsPartial: boolean;
  /** Set when the input was not read to its end. */
  stopReason?: StopReason;
  /** `valid` when no issue was found. */
  verdict: 'valid' | 'invalid';
  counts: {
    /** Records read (an unparseable line or element counts as an invalid record). */
    records: number;
    valid: number;
    invalid: number;
    /** Every issue found, also past the error cap. */
    issues: number;
  };
  /** Issues in the order found, at most `maxErrors`. */
  issues: ValidationIssue[];
  /** The error cap of this run. */
  maxErrors: number;
  /** Issues grouped by rule, most frequent first. */
  rules: RuleSummary[];
  checks: CheckResult[];
  /** For endpoints. */
  http?: HttpStats;
  uniqueness: UniquenessSummary;
  notes: ReportNote[];
}

/**
 * Examples kept per rule in {@link RuleSummary.examples}.
 *
 * @example
 * ```ts
 * import { RULE_EXAMPLES, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * for (const rule of report.rules) {
 *   const capped = rule.count > RULE_EXAMPLES ? ` (${RULE_EXAMPLES} examples shown)` : '';
 *   console.log(`${rule.code} at ${rule.path}: ${rule.count}×${capped}`);
 * }
 * ```
 */
export const RULE_EXAMPLES = 3;

/**
 * The default error cap: as many issue details as the hub stores with a report.
 *
 * @example
 * ```ts
 * const report = await validateFile(contract, path, { maxErrors: DEFAULT_MAX_ERRORS * 10 });
 * ```
 */
export const DEFAULT_MAX_ERRORS = 1000;
