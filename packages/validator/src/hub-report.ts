import type { components } from '@tukar/spec';
import type { ValidationIssue, ValidationReport } from './report';

/**
 * The body of `POST /v1/validation-reports` (`components['schemas']['ValidationReportInput']`).
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 * import { type HubValidationReportInput, toHubReport, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * const body: HubValidationReportInput = toHubReport(report, { integrationId: 'int_2025Cms0001' });
 * console.log(body.verdict, body.counts.issues, body.issues.length); // issues: at most HUB_MAX_ISSUES
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY ?? '' });
 * await hub.unwrap(hub.POST('/v1/validation-reports', { body }));
 * ```
 */
export type HubValidationReportInput = components['schemas']['ValidationReportInput'];

/**
 * Most issues the hub stores with a report (`maxItems` of `ValidationReportInput.issues`).
 *
 * @example
 * ```ts
 * if (report.issues.length > HUB_MAX_ISSUES) console.warn('the hub keeps the first 1000 issues');
 * ```
 */
export const HUB_MAX_ISSUES = 1000;

/**
 * Options of {@link toHubReport}.
 *
 * @example
 * ```ts
 * import { type ToHubReportOptions, toHubReport, validateEndpoint } from '@tukar/validator';
 *
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', { baseUrl: 'http://127.0.0.1:8090' });
 * // The report belongs to integration request int_2025Cms0001 and to the hub dataset dinkes.puskesmas.
 * const options: ToHubReportOptions = { integrationId: 'int_2025Cms0001', datasetId: 'dinkes.puskesmas' };
 * const body = toHubReport(report, options);
 * ```
 */
export interface ToHubReportOptions {
  /** The integration request the report belongs to (`int_…`). */
  integrationId?: string;
  /** The hub dataset (default: the contract id when the source is a hub dataset, else none). */
  datasetId?: string;
}

const LOCATION_MAX = 2000;

function toHubIssue(issue: ValidationIssue): components['schemas']['ValidationIssue'] {
  const out: components['schemas']['ValidationIssue'] = {
    path: issue.path,
    code: issue.code,
    message: issue.message,
  };
  if (issue.record !== undefined) out.record = issue.record;
  if (issue.key !== undefined && issue.key.length > 0) out.key = issue.key;
  if (issue.page !== undefined) out.page = issue.page;
  if (issue.url !== undefined && URL.canParse(issue.url)) out.url = issue.url;
  return out;
}

/**
 * The report as the hub stores it (`POST /v1/validation-reports`): the same contract, source, times,
 * verdict, counts, issues and HTTP statistics. Issues past {@link HUB_MAX_ISSUES} are left out, and then
 * `complete` is `false` (the counts still cover everything).
 *
 * @example
 * ```ts
 * const hub = createHubClient({ baseUrl, apiKey });
 * await hub.unwrap(hub.POST('/v1/validation-reports', { body: toHubReport(report, { integrationId }) }));
 * ```
 */
export function toHubReport(
  report: ValidationReport,
  options: ToHubReportOptions = {},
): HubValidationReportInput {
  const truncated = report.issues.length > HUB_MAX_ISSUES;
  const location =
    report.source.location.length > LOCATION_MAX
      ? `${report.source.location.slice(0, LOCATION_MAX - 1)}…`
      : report.source.location || '-';
  const datasetId = options.datasetId ?? (report.source.kind === 'hub' ? report.contract.id : undefined);
  const out: HubValidationReportInput = {
    contractId: report.contract.id,
    contractVersion: report.contract.version,
    source: { kind: report.source.kind, location },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    complete: report.complete && !truncated,
    verdict: report.verdict,
    counts: { ...report.counts },
    issues: report.issues.slice(0, HUB_MAX_ISSUES).map(toHubIssue),
  };
  if (datasetId !== undefined) out.datasetId = datasetId;
  if (options.integrationId !== undefined) out.integrationId = options.integrationId;
  if (report.http) {
    out.http = {
      requests: report.http.requests,
      errors: report.http.errors,
      p50Ms: report.http.p50Ms,
      p95Ms: report.http.p95Ms,
    };
  }
  return out;
}
