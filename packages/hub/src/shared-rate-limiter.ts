import type {
  IRateLimiterStoreOptions,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import { loadDriver } from './load-driver';
import { type LimitDecision, type RateLimit, RateLimiter, type RequestLimiter } from './rate-limiter';

/** The table the PostgreSQL limiter keeps its buckets in. */
const POSTGRES_TABLE = 'tukar_rate_limit';
const KEY_PREFIX = 'tukar';

interface RedisClient {
  connect(): Promise<void>;
  on(event: 'error', listener: () => void): void;
  quit(): Promise<unknown>;
  disconnect(): void;
}
type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient;

async function loadRedis(): Promise<RedisConstructor> {
  try {
    const module = (await import('ioredis')) as unknown as { default?: unknown; Redis?: unknown };
    return (module.Redis ?? module.default) as RedisConstructor;
  } catch (error) {
    throw new Error(
      'the Redis rate-limit store needs the "ioredis" package, which is not installed. Install it next to ' +
        '@tukar/hub (npm install ioredis); it is an optional peer dependency, needed only when ' +
        'rateLimit.store is a redis:// URL.',
      { cause: error },
    );
  }
}

/** Shows a store URL without its password (for error messages). */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** Turns rate-limiter-flexible's answer (allowed or refused) into the hub's decision. */
function decisionOf(result: RateLimiterRes, allowed: boolean, limit: LimitDecisionBase): LimitDecision {
  const reset = Math.max(0, Math.ceil(result.msBeforeNext / 1000));
  return { ...limit, wait: allowed ? 0 : Math.max(1, reset), remaining: result.remainingPoints, reset };
}

type LimitDecisionBase = Pick<LimitDecision, 'quota' | 'window'>;

/** A limiter whose buckets are in Redis or PostgreSQL, shared by every hub instance on that store. */
class SharedRateLimiter implements RequestLimiter {
  readonly #base: LimitDecisionBase;
  constructor(
    readonly limiter: RateLimiterStoreAbstract,
    base: LimitDecisionBase,
    readonly close: () => Promise<void>,
  ) {
    this.#base = base;
  }

  async consume(id: string): Promise<LimitDecision> {
    try {
      return decisionOf(await this.limiter.consume(id), true, this.#base);
    } catch (refused) {
      // rate-limiter-flexible rejects with its result (no Error) when the points are spent.
      if (!(refused instanceof Error)) return decisionOf(refused as RateLimiterRes, false, this.#base);
      throw refused;
    }
  }
}

/**
 * Opens the rate limiter `limit` describes: the in-process token bucket (`store` unset or `memory`), or a
 * `rate-limiter-flexible` limiter on the Redis or PostgreSQL store `limit.store` names, shared by every hub
 * instance on that store (with an in-process limiter standing in while the store is unreachable, so its
 * outage does not stop the hub). `serveHub` opens it by itself; give it to `createHub` as `limiter` when
 * you run the hub another way. The hub closes it (`hub.close()`).
 *
 * @throws Error naming the store when it is not `memory`, `redis://…` or `postgres://…`, cannot be reached,
 * or its driver (`ioredis`, `pg`) is not installed.
 *
 * @example
 * ```ts
 * import { createHub, type RateLimit } from '@tukar/hub';
 * import { openRateLimiter, openStore } from '@tukar/hub/node';
 *
 * // Three instances behind the load balancer, one Redis: a key gets 50 requests/s across all three.
 * const rateLimit: RateLimit = { requestsPerSecond: 50, burst: 100, store: 'redis://10.0.0.5:6379' };
 * const hub = await createHub({
 *   store: await openStore('postgres://tukar@10.0.0.4/tukar'),
 *   rateLimit,
 *   limiter: await openRateLimiter(rateLimit),
 * });
 * ```
 */
export async function openRateLimiter(limit: RateLimit): Promise<RequestLimiter> {
  const store = limit.store ?? 'memory';
  if (store === 'memory') return new RateLimiter(limit);
  // Loaded only here: the runtime-agnostic core (the mock, a browser) never imports it.
  const { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } = await import('rate-limiter-flexible');
  const window = Math.max(1, Math.ceil(limit.burst / limit.requestsPerSecond));
  const options: IRateLimiterStoreOptions = {
    points: limit.burst,
    duration: window,
    keyPrefix: KEY_PREFIX,
    insuranceLimiter: new RateLimiterMemory({ points: limit.burst, duration: window, keyPrefix: KEY_PREFIX }),
    storeClient: undefined,
  };
  const base = { quota: limit.burst, window };
  if (/^rediss?:\/\//.test(store)) {
    const Redis = await loadRedis();
    const client = new Redis(store, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    // Reconnects by itself; while Redis is away the in-process insurance limiter decides.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw new Error(
        `Cannot reach the Redis rate-limit store ${redactUrl(store)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const limiter = new RateLimiterRedis({ ...options, storeClient: client });
    return new SharedRateLimiter(limiter, base, async () => {
      await client.quit().catch(() => client.disconnect());
    });
  }
  if (/^postgres(ql)?:\/\//.test(store)) {
    let pool: { end(): Promise<void>; on(event: string, listener: () => void): void };
    try {
      const pg = (await loadDriver('pg')) as {
        Pool: new (options: Record<string, unknown>) => typeof pool;
      };
      pool = new pg.Pool({ connectionString: store, max: 4 });
      pool.on('error', () => {});
    } catch (error) {
      throw new Error(`Cannot open the PostgreSQL rate-limit store: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const limiter = await new Promise<RateLimiterPostgres>((resolve, reject) => {
      const created = new RateLimiterPostgres(
        { ...options, storeClient: pool, storeType: 'pool', tableName: POSTGRES_TABLE },
        (error?: Error) => (error ? reject(error) : resolve(created)),
      );
    }).catch(async (error: unknown) => {
      await pool.end().catch(() => {});
      throw new Error(
        `Cannot open the PostgreSQL rate-limit store ${redactUrl(store)}: ${(error as Error).message}`,
        { cause: error },
      );
    });
    return new SharedRateLimiter(limiter, base, () => pool.end());
  }
  throw new Error(
    `rateLimit.store must be "memory", a redis:// URL or a postgres:// URL; got "${redactUrl(store)}".`,
  );
}
