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
  /**
   * Where the buckets are kept: `memory` (default: this process, each instance limits on its own), or a
   * store every instance shares, so that N instances together let a key through at the configured rate:
   * `redis://…` / `rediss://…` (needs the optional peer `ioredis`) or `postgres://…` (needs `pg`; a table
   * `tukar_rate_limit` is created). On a shared store the limit is a window of `ceil(burst / requestsPerSecond)`
   * seconds holding `burst` requests.
   */
  store?: string;
}

/**
 * One decision of a rate limiter: whether the request goes ahead, and what the `RateLimit` headers say.
 *
 * @example
 * ```ts
 * import type { LimitDecision } from '@tukar/hub';
 *
 * const describe = (d: LimitDecision) =>
 *   d.wait > 0 ? `refused: retry after ${d.wait} s` : `${d.remaining} of ${d.quota} left per ${d.window} s`;
 * ```
 */
export interface LimitDecision {
  /** Whole seconds to wait before the next request is allowed: 0 when this one is. */
  wait: number;
  /** Requests left in the bucket after this one. */
  remaining: number;
  /** Whole seconds until the bucket is full (or the window starts again). */
  reset: number;
  /** The bucket's size (the quota of `RateLimit-Policy`). */
  quota: number;
  /** The window of the quota, in seconds. */
  window: number;
}

/**
 * A rate limiter the hub's middleware asks once per request (memory, Redis or PostgreSQL): what
 * `openRateLimiter` of `@tukar/hub/node` opens and `createHub` takes as `limiter`.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type RequestLimiter } from '@tukar/hub';
 *
 * // Lets everyone through but the one client being investigated.
 * const limiter: RequestLimiter = {
 *   consume: (id) => ({ wait: id === 'client:ciamis/dinkes/simpus' ? 60 : 0, remaining: 1, reset: 60, quota: 1, window: 60 }),
 * };
 * const hub = await createHub({ store: createMemoryStore(), limiter });
 * ```
 */
export interface RequestLimiter {
  consume(id: string, now: number): LimitDecision | Promise<LimitDecision>;
  /** Releases the limiter's connections (shared stores). */
  close?(): Promise<void>;
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
export class RateLimiter implements RequestLimiter {
  readonly #buckets = new Map<string, Bucket>();
  constructor(readonly limit: RateLimit) {}

  /** Takes one token for `id`: 0 when allowed, otherwise the whole seconds until a token is back. */
  take(id: string, now: number): number {
    return this.consume(id, now).wait;
  }

  /** Takes one token for `id` and says what is left (for the `RateLimit` headers). */
  consume(id: string, now: number): LimitDecision {
    const { requestsPerSecond, burst } = this.limit;
    let bucket = this.#buckets.get(id);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#forgetFull(now);
      bucket = { tokens: burst, at: now };
      this.#buckets.set(id, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * requestsPerSecond);
    bucket.at = now;
    const window = Math.max(1, Math.ceil(burst / requestsPerSecond));
    let wait = 0;
    if (bucket.tokens >= 1) bucket.tokens -= 1;
    else wait = Math.max(1, Math.ceil((1 - bucket.tokens) / requestsPerSecond));
    return {
      wait,
      remaining: Math.floor(bucket.tokens),
      reset: Math.ceil((burst - bucket.tokens) / requestsPerSecond),
      quota: burst,
      window,
    };
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
