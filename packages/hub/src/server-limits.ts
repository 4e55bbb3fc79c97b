/**
 * The limits of the hub's HTTP server (Node's defaults hold a slow client's connection open for a
 * minute or more per request, without any cap on connections).
 *
 * @example
 * ```ts
 * import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '@tukar/hub/node';
 *
 * // A hub on a slow provincial link: more time for a 5,000-record push, fewer connections.
 * const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, requestTimeoutMs: 600_000, maxConnections: 256 };
 * ```
 */
export interface ServerLimits {
  /** Time a client has to send a request's headers, in ms (default 20 000). */
  headersTimeoutMs?: number;
  /** Time a client has to send a whole request, body included, in ms (default 300 000). */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms (default 5 000). */
  keepAliveTimeoutMs?: number;
  /** Connections open at once; further ones are closed at once (default 4096). */
  maxConnections?: number;
  /** How long shutdown waits for in-flight requests before cutting connections, in ms (default 10 000). */
  shutdownTimeoutMs?: number;
}

/**
 * The defaults of {@link ServerLimits}.
 *
 * @example
 * ```ts
 * import { DEFAULT_SERVER_LIMITS } from '@tukar/hub/node';
 *
 * console.log(`slow senders are cut after ${DEFAULT_SERVER_LIMITS.headersTimeoutMs} ms`);
 * ```
 */
export const DEFAULT_SERVER_LIMITS: Readonly<Required<ServerLimits>> = Object.freeze({
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4096,
  shutdownTimeoutMs: 10_000,
});

/** The limits with defaults filled in; throws naming the first bad one. */
export function resolveServerLimits(given: ServerLimits): Required<ServerLimits> {
  const limits = { ...DEFAULT_SERVER_LIMITS };
  for (const name of Object.keys(DEFAULT_SERVER_LIMITS) as Array<keyof ServerLimits>) {
    const value = given[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`The hub's \`${name}\` must be a whole number ≥ 1, got ${String(value)}.`);
    }
    limits[name] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(
      `The hub's \`headersTimeoutMs\` (${limits.headersTimeoutMs}) must not exceed \`requestTimeoutMs\` (${limits.requestTimeoutMs}).`,
    );
  }
  return limits;
}

/** How often Node checks the header and request timeouts: often enough for the shorter one to hold. */
export function checkingIntervalMs(limits: Required<ServerLimits>): number {
  return Math.max(
    100,
    Math.min(30_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
  );
}
