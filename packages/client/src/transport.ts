import { HubError } from './hub-error';
import { applyHubHeaders, rememberMethod } from './hub-headers';
import type { OutgoingRequest } from './outgoing-request';
import { AnswerCutError, readWholeAnswer } from './read-answer';
import { backoffDelay, isRepeatable, parseRetryAfter, type ResolvedRetryPolicy } from './retry-policy';

/**
 * The `fetch` the transport calls: the global one, or one the user injected.
 *
 * @example
 * ```ts
 * import { createHubClient, type FetchLike } from '@tukar/client';
 *
 * // Log every attempt, with the X-Request-Id to quote to kominfo.
 * const loggingFetch: FetchLike = async (request) => {
 *   const response = await fetch(request);
 *   console.log(request.method, request.url, response.status, request.headers.get('x-request-id'));
 *   return response;
 * };
 * const hub = createHubClient({
 *   baseUrl: 'http://127.0.0.1:8080',
 *   apiKey: process.env.TUKAR_API_KEY!,
 *   fetch: loggingFetch,
 * });
 * ```
 */
export type FetchLike = (input: Request) => Promise<Response>;

/** What {@link createTransport} needs. */
export interface TransportOptions {
  /** An injected fetch; the global one when undefined. */
  fetch?: FetchLike | undefined;
  apiKey: string;
  userAgent?: string | undefined;
  timeoutMs: number;
  retry: ResolvedRetryPolicy;
}

/**
 * Wraps `fetch` with a per-attempt timeout that covers the whole answer (body included) and retries for
 * requests that are safe to repeat: network failures (a connection cut mid-answer too), timeouts and the
 * policy's statuses (429, 503), honouring `Retry-After`. Each answer's body is read here, to the end.
 *
 * The request (headers, `Idempotency-Key`, `X-Request-Id`, body) is sent identically on every attempt.
 * A failure after the last attempt becomes a {@link HubError} (`network_error` or `timeout`); a
 * retryable status after the last attempt is returned as it is, for the caller to read its problem.
 */
export function createTransport(options: TransportOptions): (request: OutgoingRequest) => Promise<Response> {
  const { retry, timeoutMs, fetch: injected } = options;
  // The global fetch builds its one Request from the URL and init; an injected fetch takes a Request.
  const send: Send = (request, signal) => {
    const init: RequestInit = { ...request, signal }; // `url` is not a RequestInit field: fetch ignores it
    return injected ? injected(new Request(request.url, init)) : fetch(request.url, init);
  };
  const authorization = `Bearer ${options.apiKey}`;

  return async function transport(request: OutgoingRequest): Promise<Response> {
    applyHubHeaders(request, authorization, options.userAgent);
    const repeatable = retry.retries > 0 && isRepeatable(request);
    // The body is a string (or FormData), so the same request can be sent again as it is.
    for (let attempt = 0; ; attempt++) {
      const mayRetry = repeatable && attempt < retry.retries;
      let response: Response;
      try {
        response = await sendWithTimeout(send, request, timeoutMs);
      } catch (error) {
        if (request.signal?.aborted) throw error; // the caller gave up: never retry that
        if (!mayRetry) throw transportFailure(error, request, timeoutMs, attempt + 1);
        await abortableSleep(backoffDelay(retry, attempt + 1, undefined), request.signal);
        continue;
      }
      rememberMethod(response, request.method);
      if (!mayRetry || !retry.statuses.includes(response.status)) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return response;
      await abortableSleep(backoffDelay(retry, attempt + 1, retryAfterMs), request.signal);
    }
  };
}

type Send = (request: OutgoingRequest, signal: AbortSignal | undefined) => Promise<Response>;

/**
 * Sends one attempt and reads its whole body, both within `timeoutMs`: it fails with a `TimeoutError`
 * when the answer, body included, has not arrived in time, and with an `AnswerCutError` when the
 * connection broke part-way through the body. The caller's own signal (on the request) still aborts it.
 */
async function sendWithTimeout(send: Send, request: OutgoingRequest, timeoutMs: number): Promise<Response> {
  const callerSignal = request.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  if (!Number.isFinite(timeoutMs)) {
    // No time limit: the caller's signal alone (or none) governs the attempt; no controller to build.
    return await readWholeAnswer(await send(request, callerSignal), callerSignal);
  }
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no whole answer within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  try {
    const response = await send(request, controller.signal);
    return await readWholeAnswer(response, controller.signal);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

function transportFailure(
  error: unknown,
  request: OutgoingRequest,
  timeoutMs: number,
  attempts: number,
): HubError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const requestId = request.headers.get('x-request-id') ?? undefined;
  const common = { method: request.method, url: request.url.split('?')[0], requestId, cause: error };
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new HubError(
      'timeout',
      `no answer within ${timeoutMs} ms (${tries}); raise timeoutMs or check the hub`,
      common,
    );
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const reason =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return new HubError(
    'network_error',
    error instanceof AnswerCutError
      ? `${error.message} (${tries})${cause instanceof Error ? `: ${reason}` : ''}`
      : `the hub could not be reached (${tries}): ${reason}`,
    common,
  );
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
