/**
 * When and how long the client waits before repeating a request.
 *
 * Only requests that are safe to repeat are retried: `GET`, `HEAD`, `PUT` (the hub's PUTs are
 * idempotent), and any request carrying an `Idempotency-Key` header (every push the client makes).
 *
 * @example
 * ```ts
 * import { createHubClient, type RetryOptions } from '@tukar/client';
 *
 * // A nightly sync can wait longer for a busy hub than a form a person is looking at.
 * const retry: RetryOptions = { retries: 6, baseDelayMs: 500, maxDelayMs: 30_000, statuses: [429, 502, 503] };
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY!, retry });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables). */
  retries?: number;
  /** First backoff in ms, doubled on each retry (default 200). */
  baseDelayMs?: number;
  /** Ceiling of one backoff in ms (default 10 000). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (ms) is not waited for: the answer is returned as it is (default 60 000). */
  maxRetryAfterMs?: number;
  /** HTTP statuses that are retried (default `[429, 503]`). */
  statuses?: readonly number[];
}

/** Retry settings with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryOptions>;

/** The defaults; every client spreads them into a policy of its own. */
export const DEFAULT_RETRY_POLICY: Readonly<ResolvedRetryPolicy> = {
  retries: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  statuses: [429, 503],
};

/** True when repeating `request` cannot apply its effect twice. */
export function isRepeatable(request: { method: string; headers: Headers }): boolean {
  return /^(GET|HEAD|OPTIONS|PUT)$/.test(request.method) || request.headers.has('idempotency-key');
}

/**
 * Backoff before retry number `attempt` (1-based): exponential with full jitter, as AWS recommends,
 * unless the hub said how long to wait.
 */
export function backoffDelay(
  policy: ResolvedRetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Reads `Retry-After` (delta-seconds or an HTTP date) in ms; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
