import { HubError } from './hub-error';
import {
  backoffDelay,
  isRepeatable,
  parseRetryAfter,
  type ResolvedRetryPolicy,
} from './retry-policy';

/** The `fetch` the transport calls: the global one, or one the user injected. */
export type FetchLike = (input: Request) => Promise<Response>;

/** What {@link createTransport} needs. */
export interface TransportOptions {
  fetch: FetchLike;
  timeoutMs: number;
  retry: ResolvedRetryPolicy;
  /** Waits `ms`, or rejects when `signal` aborts (injectable for tests). */
  sleep?: (ms: number, signal: AbortSignal | null) => Promise<void>;
}

/**
 * Wraps `fetch` with a per-attempt timeout and retries for requests that are safe to repeat:
 * network failures, timeouts and the policy's statuses (429, 503), honouring `Retry-After`.
 *
 * The request (headers, `Idempotency-Key`, `X-Request-Id`, body) is sent identically on every attempt.
 * A failure after the last attempt becomes a {@link HubError} (`network_error` or `timeout`); a
 * retryable status after the last attempt is returned as it is, for the caller to read its problem.
 */
export function createTransport(options: TransportOptions): FetchLike {
  const { retry, timeoutMs } = options;
  const sleep = options.sleep ?? abortableSleep;
  const fetchImpl = options.fetch;

  return async function transport(request: Request): Promise<Response> {
    const repeatable = retry.retries > 0 && isRepeatable(request);
    // A body can be read once: keep the original untouched and send clones when a retry may follow.
    for (let attempt = 0; ; attempt++) {
      const mayRetry = repeatable && attempt < retry.retries;
      const sent = mayRetry ? request.clone() : request;
      let response: Response;
      try {
        response = await sendWithTimeout(fetchImpl, sent, timeoutMs);
      } catch (error) {
        if (request.signal?.aborted) throw error; // the caller gave up: never retry that
        if (!mayRetry) throw transportFailure(error, request, timeoutMs, attempt + 1);
        await sleep(backoffDelay(retry, attempt + 1, undefined), request.signal);
        continue;
      }
      if (!mayRetry || !retry.statuses.includes(response.status)) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(backoffDelay(retry, attempt + 1, retryAfterMs), request.signal);
    }
  };
}

async function sendWithTimeout(fetchImpl: FetchLike, request: Request, timeoutMs: number): Promise<Response> {
  if (!Number.isFinite(timeoutMs)) return fetchImpl(request);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  return fetchImpl(new Request(request, { signal }));
}

function transportFailure(error: unknown, request: Request, timeoutMs: number, attempts: number): HubError {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const requestId = request.headers.get('x-request-id') ?? undefined;
  const common = { method: request.method, url: request.url.split('?')[0], requestId, cause: error };
  if (timedOut) {
    return new HubError('timeout', `no answer within ${timeoutMs} ms (${tries}); raise timeoutMs or check the hub`, common);
  }
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new HubError('network_error', `the hub could not be reached (${tries}): ${reason}`, common);
}

function abortableSleep(ms: number, signal: AbortSignal | null): Promise<void> {
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
