import type { Schemas } from '@tukar/spec';

/**
 * A stable problem code of the hub API.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type ProblemCode } from '@tukar/hub';
 *
 * const hub = await createHub({ store: createMemoryStore() });
 * const response = await hub.fetch(new Request('http://127.0.0.1:8080/v1/datasets/dinkes.puskesmas/records'));
 * if (!response.ok) {
 *   const { code, detail } = (await response.json()) as { code: ProblemCode; detail: string };
 *   if (code === 'unauthorized') console.log('send Authorization: Bearer <TUKAR_API_KEY>');
 *   else if (code === 'rate_limited') console.log(`retry after ${response.headers.get('retry-after')} s`);
 *   else console.log(`${code}: ${detail}`);
 * }
 * ```
 */
export type ProblemCode = Schemas['ProblemCode'];

const TITLES: Record<ProblemCode, string> = {
  bad_request: 'Bad request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  validation_failed: 'Validation failed',
  idempotency_conflict: 'Idempotency key reused with another body',
  idempotency_key_required: 'Idempotency-Key header required',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  contract_invalid: 'Contract document invalid',
  contract_immutable: 'Contract version immutable',
  contract_incompatible: 'Contract version incompatible',
  invalid_transition: 'Invalid transition',
  step_output_missing: 'Step output missing',
  unknown_procedure: 'Unknown procedure',
  rate_limited: 'Too many requests',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
  store_unavailable: 'Store unavailable',
  maintenance: 'Maintenance',
  origin_signature_missing: 'Origin signature missing',
  origin_signature_malformed: 'Origin signature malformed',
  origin_key_unknown: 'Origin signing key unknown',
  origin_signature_invalid: 'Origin signature invalid',
};

const URI_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/**
 * The request path as a problem's `instance`: a URI reference for any path. Characters a URI may not
 * hold (`|`, `[`, `^`, a lone `%`, …) are percent-encoded as UTF-8; a leading `//` (which would read as
 * an authority) becomes `/%2F`.
 */
export function instanceOf(pathname: string): string {
  let out = '';
  for (let i = 0; i < pathname.length; i++) {
    const char = pathname[i] as string;
    if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(pathname.slice(i + 1, i + 3))) out += char;
    else if (URI_SAFE.test(char)) out += char;
    else {
      const code = pathname.codePointAt(i) as number;
      const whole = code > 0xffff && code <= 0x10ffff ? String.fromCodePoint(code) : char;
      if (whole.length === 2) i++;
      // A lone surrogate has no UTF-8 form: it becomes U+FFFD, as a decoder would read it.
      out += encodeURIComponent(/[\ud800-\udfff]/.test(whole) ? '\ufffd' : whole);
    }
  }
  return out.startsWith('//') ? `/%2F${out.slice(2)}` : out;
}

/**
 * Extra members of a problem document.
 *
 * @example
 * ```ts
 * import { HubProblem, type ProblemExtras } from '@tukar/hub';
 *
 * const extras: ProblemExtras = {
 *   errors: [{ index: 0, op: 'upsert', key: 'P3374010101', path: '/kode_wilayah', code: 'pattern', message: 'must start with 33.74' }],
 * };
 * const problem = new HubProblem(422, 'validation_failed', '1 problem in one record; nothing was written.', extras);
 * const document = problem.toDocument('req_7Qx2LmP9aB3cD4eF', '/v1/datasets/dinkes.puskesmas/records');
 * ```
 */
export interface ProblemExtras {
  errors?: Schemas['RecordError'][];
  /** Why a transition was refused to the caller's procedure role. */
  stepRole?: Schemas['Problem']['stepRole'];
  breakingChanges?: Schemas['BreakingChange'][];
  retryAfter?: number;
}

/**
 * An answer that is an RFC 9457 problem: thrown anywhere in a route, turned into
 * `application/problem+json` with the request id by the hub.
 *
 * @example
 * ```ts
 * throw new HubProblem(404, 'not_found', 'Dataset "dinkes.puskesmas" does not exist.');
 * ```
 */
export class HubProblem extends Error {
  override readonly name = 'HubProblem';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
  }

  /** The problem document for a request. */
  toDocument(requestId: string, instance: string): Schemas['Problem'] {
    return {
      type: `urn:tukar:problem:${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      detail: this.detail,
      instance: instanceOf(instance),
      code: this.code,
      requestId,
      ...this.extras,
    };
  }
}

/** The problem document as a Response, with `X-Request-Id` (and `Retry-After` when rate limited). */
export function problemResponse(problem: HubProblem, requestId: string, instance: string): Response {
  const headers = new Headers({ 'content-type': 'application/problem+json', 'x-request-id': requestId });
  if (problem.extras.retryAfter !== undefined) headers.set('retry-after', String(problem.extras.retryAfter));
  return new Response(JSON.stringify(problem.toDocument(requestId, instance)), {
    status: problem.status,
    headers,
  });
}
