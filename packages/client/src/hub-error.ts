import type { ProblemCode, RecordError } from '@tukar/spec';

/**
 * Codes of failures that happen before or instead of a hub answer.
 * - `network_error`: the hub could not be reached (after any retries);
 * - `timeout`: no answer within `timeoutMs` (after any retries);
 * - `invalid_response`: the hub answered with something that is not the API's shape.
 *
 * @example
 * ```ts
 * import { createHubClient, HubError, type TransportErrorCode } from '@tukar/client';
 *
 * const advice: Record<TransportErrorCode, string> = {
 *   network_error: 'the hub cannot be reached: check the network to the kominfo data centre',
 *   timeout: 'the hub did not answer in time: try again later, or raise timeoutMs',
 *   invalid_response: 'something other than the hub answered (a proxy or a login page?)',
 * };
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * try {
 *   await hub.pushRecords('dinkes.puskesmas', records);
 * } catch (error) {
 *   if (!(error instanceof HubError)) throw error;
 *   switch (error.code) {
 *     case 'network_error': case 'timeout': case 'invalid_response':
 *       console.error(`${advice[error.code]} (request ${error.requestId})`);
 *       break;
 *     default: throw error; // the hub answered with a problem document
 *   }
 * }
 * ```
 */
export type TransportErrorCode = 'network_error' | 'timeout' | 'invalid_response';

/**
 * Every `code` a {@link HubError} can carry: the hub's problem codes plus the transport codes.
 *
 * @example
 * ```ts
 * import { createHubClient, HubError, type HubErrorCode } from '@tukar/client';
 *
 * // Worth trying again later, unchanged: the hub or the way to it was busy or down.
 * function isTemporary(code: HubErrorCode): boolean {
 *   switch (code) {
 *     case 'rate_limited': case 'service_unavailable': case 'network_error': case 'timeout': return true;
 *     default: return false; // e.g. 'validation_failed', 'forbidden': fix the data or the grant first
 *   }
 * }
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * try {
 *   await hub.pushRecords('dinkes.puskesmas', records);
 * } catch (error) {
 *   if (error instanceof HubError && isTemporary(error.code)) console.warn('hub busy; the next run will resend');
 *   else throw error;
 * }
 * ```
 */
export type HubErrorCode = ProblemCode | TransportErrorCode;

/** The fields of an RFC 9457 problem document the client reads. */
interface ProblemLike {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: RecordError[];
  breakingChanges?: unknown[];
  retryAfter?: number;
}

/**
 * Options of {@link HubError}.
 *
 * @example
 * ```ts
 * import { HubError, type HubErrorOptions } from '@tukar/client';
 *
 * // In a unit test of your sync job: what a fake hub throws during maintenance.
 * const options: HubErrorOptions = {
 *   status: 503,
 *   requestId: 'req_test_0001',
 *   method: 'POST',
 *   url: 'http://127.0.0.1:8080/v1/datasets/dinkes.puskesmas/records',
 *   detail: 'Pemeliharaan terjadwal.',
 * };
 * const maintenance = new HubError('service_unavailable', 'Service Unavailable', options);
 * console.log(maintenance.message);
 * // POST http://127.0.0.1:8080/v1/datasets/dinkes.puskesmas/records → 503 Service Unavailable
 * // Pemeliharaan terjadwal.
 * // request id: req_test_0001
 * ```
 */
export interface HubErrorOptions {
  status?: number;
  requestId?: string;
  method?: string;
  url?: string;
  /** `METHOD url` of the failed request, when `method` and `url` are not given separately. */
  operation?: string;
  title?: string;
  detail?: string;
  errors?: RecordError[];
  problem?: unknown;
  cause?: unknown;
}

const MAX_LISTED_RECORD_ERRORS = 5;

/**
 * A failed call to the hub: an `application/problem+json` answer, or a transport failure.
 *
 * `message` is written for a person: the operation, the status, the hub's explanation, the
 * first per-record errors and the request id to quote to kominfo. `code` is stable; branch on it.
 *
 * @example
 * ```ts
 * import { createHubClient, HubError } from '@tukar/client';
 *
 * declare const records: Array<Record<string, unknown>>; // the puskesmas rows of your SIMPUS
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * try {
 *   await hub.pushRecords('dinkes.puskesmas', records);
 * } catch (error) {
 *   if (error instanceof HubError && error.code === 'validation_failed') {
 *     for (const e of error.errors) console.log(e.index, e.path, e.message);
 *   }
 * }
 * ```
 */
export class HubError extends Error {
  override readonly name: string = 'HubError';
  /** Stable code: one of the hub's problem codes, or a transport code. */
  declare readonly code: HubErrorCode;
  /** HTTP status, or `undefined` when no answer came. */
  declare readonly status: number | undefined;
  /** The request id (sent by the client and echoed by the hub); quote it when asking for help. */
  declare readonly requestId: string | undefined;
  /** Per-record errors of a refused batch (empty otherwise). */
  declare readonly errors: RecordError[];
  /** The whole problem document as the hub sent it. */
  declare readonly problem: unknown;
  /** `METHOD url` of the failed request. */
  declare readonly operation: string | undefined;
  /** The hub's explanation (the problem's `detail`), e.g. which grant is missing. */
  declare readonly detail: string | undefined;

  constructor(code: HubErrorCode, summary: string, options: HubErrorOptions = {}) {
    const operation =
      options.method && options.url
        ? `${options.method} ${shownUrl(options.url)}`
        : options.operation || undefined;
    super(composeMessage(summary, operation, options), { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.errors = options.errors ?? [];
    this.problem = options.problem;
    this.operation = operation;
    this.detail = options.detail;
  }

  /**
   * Builds a HubError from a non-2xx response and its already-parsed body.
   *
   * @example
   * ```ts
   * const { error, response } = await hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId } } });
   * if (error) throw HubError.fromResponse(response, error);
   * ```
   */
  static fromResponse(response: Response, body: unknown, method?: string): HubError {
    const problem =
      typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as ProblemLike) : undefined;
    const { status } = response;
    const options: HubErrorOptions = {
      status,
      requestId: problem?.requestId ?? response.headers.get('x-request-id') ?? undefined,
      method,
      url: response.url.split('?')[0],
      problem: body,
    };
    if (!problem?.code) {
      return new HubError(
        'invalid_response',
        `the hub answered ${status} ${response.statusText} without a problem document`,
        options,
      );
    }
    const { code, title, detail, errors } = problem;
    return new HubError(code as HubErrorCode, title ?? `HTTP ${status}`, {
      ...options,
      title,
      detail,
      errors: Array.isArray(errors) ? errors : [],
    });
  }
}

function composeMessage(summary: string, operation: string | undefined, options: HubErrorOptions): string {
  // `POST …/records → 403 Forbidden`; without the request, `Forbidden (HTTP 403)`: never a dangling arrow.
  const { status } = options;
  const head = operation
    ? [operation, status && `→ ${status}`, summary].filter(Boolean).join(' ')
    : status
      ? `${summary} (HTTP ${status})`
      : summary;
  const lines = [head];
  if (options.detail && options.detail !== summary) lines.push(options.detail);
  const errors = options.errors ?? [];
  for (const e of errors.slice(0, MAX_LISTED_RECORD_ERRORS)) {
    const key = e.key ? ` (key ${e.key})` : '';
    lines.push(`  record ${e.index}${key} at ${e.path || '/'}: ${e.message} [${e.code}]`);
  }
  if (errors.length > MAX_LISTED_RECORD_ERRORS) {
    lines.push(`  … and ${errors.length - MAX_LISTED_RECORD_ERRORS} more record errors (see error.errors)`);
  }
  if (options.requestId) lines.push(`request id: ${options.requestId}`);
  return lines.join('\n');
}

/**
 * The URL of a failed request as `message` and `operation` show it: a record key in the path becomes
 * `{key}` (a key may be personal data, such as a NIK, and error messages end up in CI logs).
 */
function shownUrl(url: string): string {
  return url.replace(/(\/records\/)[^/?#]+/, '$1{key}');
}
