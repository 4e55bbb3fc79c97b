/**
 * Requests allowed per client: a steady rate and a burst on top of it (token bucket).
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type RateLimit } from '@tukar/hub';
 *
 * // 5 requests per second on average, up to 20 at once; the 21st answers 429 with Retry-After.
 * const rateLimit: RateLimit = { requestsPerSecond: 5, burst: 20 };
 * const hub = await createHub({ store: createMemoryStore(), rateLimit });
 * ```
 */
export interface RateLimit {
  /** Tokens added per second. */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_BUCKETS = 10_000;

/**
 * A token bucket per caller, in this process's memory (each hub instance limits on its own). Returns
 * the seconds to wait when a request is over the limit.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ requestsPerSecond: 50, burst: 100 });
 * const wait = limiter.take('ciamis/dinkes/simpus', Date.now()); // 0 → go ahead
 * ```
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  constructor(readonly limit: RateLimit) {}

  /** Takes one token for `id`: 0 when allowed, otherwise the whole seconds until a token is back. */
  take(id: string, now: number): number {
    const { requestsPerSecond, burst } = this.limit;
    let bucket = this.#buckets.get(id);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#forgetFull(now);
      bucket = { tokens: burst, at: now };
      this.#buckets.set(id, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * requestsPerSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / requestsPerSecond));
  }

  /** Drops buckets that have refilled (they hold no information). */
  #forgetFull(now: number): void {
    const { requestsPerSecond, burst } = this.limit;
    for (const [id, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * requestsPerSecond >= burst) this.#buckets.delete(id);
    }
    if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
  }
}
