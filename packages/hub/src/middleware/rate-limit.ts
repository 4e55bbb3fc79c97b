import { HubProblem } from '../hub-problem';
import type { HubCore } from '../request-context';
import type { HubMiddlewareFactory } from './hub-env';

/** Takes one token of `id`'s budget; throws 429 with `Retry-After` when it is spent. */
export function takeToken(core: HubCore, id: string): void {
  const wait = core.limiter?.take(id, core.now().getTime()) ?? 0;
  if (wait > 0) {
    throw new HubProblem(429, 'rate_limited', `Too many requests from ${id}; retry after ${wait} s.`, {
      retryAfter: wait,
    });
  }
}

/** The per-client rate limit (anonymous requests share one budget). */
export const rateLimit: HubMiddlewareFactory = (core) => async (c, next) => {
  takeToken(core, c.get('caller')?.client.id ?? 'anonymous');
  await next();
};
