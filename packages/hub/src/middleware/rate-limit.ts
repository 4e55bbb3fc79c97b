import type { Context } from 'hono';
import { HubProblem, problemResponse } from '../hub-problem';
import { problemPath } from '../mask-record-key';
import type { LimitDecision } from '../rate-limiter';
import type { HubCore } from '../request-context';
import { type HubEnv, type HubMiddlewareFactory, pathnameOf } from './hub-env';

/** What the Node entry passes to the hub with each request (`hub.fetch(request, { remoteAddress })`). */
interface ConnectionInfo {
  remoteAddress?: string;
}

/**
 * The address an unauthenticated request is limited by: behind a trusted proxy (`trustProxy`) the first hop
 * of `X-Forwarded-For`, else the connection's remote address as the Node entry gives it; `unknown` when
 * the hub runs where neither is known (then such requests share one bucket, as before).
 */
export function clientAddress(core: HubCore, c: Context<HubEnv>): string {
  if (core.trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  return (c.env as ConnectionInfo | undefined)?.remoteAddress ?? 'unknown';
}

/** The bucket of a request: its client once authenticated, else its address. */
export function bucketOf(core: HubCore, c: Context<HubEnv>): string {
  const caller = c.get('caller');
  return caller ? `client:${caller.client.id}` : `ip:${clientAddress(core, c)}`;
}

/** Takes one token of `id`'s budget; `undefined` when the hub has no rate limit. */
export async function spendToken(core: HubCore, id: string): Promise<LimitDecision | undefined> {
  return core.limiter?.consume(id, core.now().getTime());
}

/** The 429 problem for a spent budget. */
export function rateLimitedProblem(id: string, wait: number): HubProblem {
  const who = id.startsWith('client:') ? id.slice('client:'.length) : 'this address';
  return new HubProblem(429, 'rate_limited', `Too many requests from ${who}; retry after ${wait} s.`, {
    retryAfter: wait,
  });
}

/**
 * The `RateLimit-Policy` and `RateLimit` headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers):
 * the quota and its window, and what is left of it and when it is whole again.
 */
export function setRateLimitHeaders(headers: Headers, decision: LimitDecision): void {
  headers.set('ratelimit-policy', `"default";q=${decision.quota};w=${decision.window}`);
  headers.set('ratelimit', `"default";r=${Math.max(0, decision.remaining)};t=${decision.reset}`);
}

/**
 * The rate limit: one bucket per authenticated client, one per address for unauthenticated requests.
 * A spent budget answers 429 with `Retry-After`; every answer carries the `RateLimit` headers.
 */
export const rateLimit: HubMiddlewareFactory = (core) => async (c, next) => {
  const id = bucketOf(core, c);
  const decision = await spendToken(core, id);
  if (decision && decision.wait > 0) {
    const response = problemResponse(
      rateLimitedProblem(id, decision.wait),
      c.get('requestId'),
      problemPath(pathnameOf(c.req.raw)),
    );
    setRateLimitHeaders(response.headers, decision);
    c.res = response;
    return;
  }
  await next();
  if (decision) {
    try {
      setRateLimitHeaders(c.res.headers, decision);
    } catch {
      // An answer with immutable headers (a fetched response passed through) goes without them.
    }
  }
};
