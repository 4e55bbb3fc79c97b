/**
 * A `fetch` the crawler can use instead of the global one (tests, proxies); see `EndpointOptions.fetch`.
 *
 * @example
 * ```ts
 * import { type FetchFunction, validateEndpoint } from '@tukar/validator';
 *
 * // Logs every request of the crawl, then sends it with the global fetch.
 * const logged: FetchFunction = (input, init) => {
 *   console.error(init.method ?? 'GET', new URL(input).pathname);
 *   return fetch(input, init);
 * };
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', { baseUrl: 'http://127.0.0.1:8090', fetch: logged });
 * ```
 */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** How one page is requested. */
export interface PageRequestOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Time limit of one attempt, headers and body, in ms. */
  timeoutMs: number;
  /** Repeats after a network error, a timeout, a 5xx or a 429. */
  retries: number;
  /** First backoff in ms, doubled on each retry. */
  retryDelayMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  fetch: FetchFunction;
  /** Aborts the whole crawl. */
  signal: AbortSignal;
}

/** One try at a page. */
export interface Attempt {
  ms: number;
  status?: number;
  /** Why it failed without an HTTP answer. */
  error?: 'network_error' | 'timeout' | 'body_too_large' | 'aborted';
}

/** The final answer for one page, after retries. */
export interface PageAnswer {
  url: string;
  attempts: Attempt[];
  /** Time of the last attempt. */
  ms: number;
  status?: number;
  statusText?: string;
  contentType?: string;
  body?: string;
  bytes: number;
  /** The `Retry-After` header, when the answer had one. */
  retryAfter?: string;
  /** Set when no usable HTTP answer came. */
  error?: { code: 'network_error' | 'timeout' | 'body_too_large' | 'aborted'; message: string };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const isRetryable = (attempt: Attempt) =>
  attempt.error === 'network_error' ||
  attempt.error === 'timeout' ||
  attempt.status === 429 ||
  (attempt.status !== undefined && attempt.status >= 500);

/**
 * Requests one page with a per-attempt time limit (covering the body), a body size cap, and retries with
 * exponential backoff (honouring a `Retry-After` of up to 10 s) on network errors, timeouts, 5xx and 429.
 * Never throws: failures are in the answer.
 *
 * @example
 * ```ts
 * const answer = await fetchPage('http://127.0.0.1:8080/api/puskesmas?page=1', options);
 * if (answer.error) console.log(answer.error.message);
 * ```
 */
export async function fetchPage(url: string, options: PageRequestOptions): Promise<PageAnswer> {
  const attempts: Attempt[] = [];
  let answer: PageAnswer | undefined;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) {
      const retryAfter = answer?.status === 429 || answer?.status === 503 ? retryAfterMs(answer) : undefined;
      await sleep(retryAfter ?? options.retryDelayMs * 2 ** (attempt - 1), options.signal);
    }
    if (options.signal.aborted) break;
    answer = await attemptOnce(url, options, attempts);
    const last = attempts[attempts.length - 1]!;
    if (!isRetryable(last)) break;
  }
  return (
    answer ?? { url, attempts, ms: 0, bytes: 0, error: { code: 'aborted', message: 'the crawl was stopped' } }
  );
}

function retryAfterMs(answer: PageAnswer): number | undefined {
  const value = answer.retryAfter;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 10_000);
  return undefined;
}

async function attemptOnce(
  url: string,
  options: PageRequestOptions,
  attempts: Attempt[],
): Promise<PageAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let status: number | undefined;
  try {
    const init: RequestInit = {
      method: options.method,
      headers: options.headers,
      signal: controller.signal,
      redirect: 'follow',
    };
    if (options.method === 'POST') init.body = '{}';
    const response = await options.fetch(url, init);
    status = response.status;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      controller.abort();
      return tooLarge(url, attempts, elapsed(), status, declared, options.maxBytes);
    }
    const read = await readBody(response, options.maxBytes, controller);
    const ms = elapsed();
    if (read === undefined) return tooLarge(url, attempts, ms, status, undefined, options.maxBytes);
    attempts.push({ ms, status });
    const answer: PageAnswer = {
      url,
      attempts,
      ms,
      status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type') ?? undefined,
      body: read.text,
      bytes: read.bytes,
    };
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null) answer.retryAfter = retryAfter;
    return answer;
  } catch (cause) {
    const ms = elapsed();
    if (timedOut) {
      attempts.push({ ms, error: 'timeout' });
      return {
        url,
        attempts,
        ms,
        bytes: 0,
        error: {
          code: 'timeout',
          message: `no complete answer within ${options.timeoutMs.toLocaleString('en')} ms`,
        },
      };
    }
    if (options.signal.aborted) {
      attempts.push({ ms, error: 'aborted' });
      return { url, attempts, ms, bytes: 0, error: { code: 'aborted', message: 'the crawl was stopped' } };
    }
    attempts.push({ ms, error: 'network_error' });
    return {
      url,
      attempts,
      ms,
      bytes: 0,
      error: { code: 'network_error', message: describeNetworkError(cause) },
    };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

function tooLarge(
  url: string,
  attempts: Attempt[],
  ms: number,
  status: number,
  declared: number | undefined,
  maxBytes: number,
): PageAnswer {
  attempts.push({ ms, status, error: 'body_too_large' });
  const size = declared === undefined ? 'more than' : `${declared.toLocaleString('en')} bytes, over`;
  return {
    url,
    attempts,
    ms,
    status,
    bytes: 0,
    error: {
      code: 'body_too_large',
      message: `the answer is ${size} the limit of ${maxBytes.toLocaleString('en')} bytes`,
    },
  };
}

async function readBody(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<{ text: string; bytes: number } | undefined> {
  if (!response.body) return { text: '', bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (bytes > maxBytes) {
      controller.abort();
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes };
}

/** A network failure in words: the cause's code (`ECONNREFUSED`, …) and message, without a stack. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ? `${cause.code}: ` : '';
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `${code}${message}`;
}
