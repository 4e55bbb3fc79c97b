import type { SpecOperation } from '@tukar/spec/operations';
import type { Context } from 'hono';
import { authenticateKey, bearerKey } from '../access-control';
import { HubProblem } from '../hub-problem';
import type { Caller, HubCore } from '../request-context';
import type { HubEnv, HubMiddleware } from './hub-env';
import { clientAddress, rateLimitedProblem, spendToken } from './rate-limit';

/**
 * Runs one way of identifying the caller. A refused credential also spends a token of its address's
 * budget, so guessing keys is rate limited too (and one guesser does not spend another address's budget).
 */
export async function identify(
  core: HubCore,
  c: Context<HubEnv>,
  find: () => Promise<Caller | null>,
): Promise<Caller | null> {
  try {
    return await find();
  } catch (problem) {
    if (problem instanceof HubProblem) {
      const id = `ip:${clientAddress(core, c)}`;
      const decision = await spendToken(core, id);
      if (decision && decision.wait > 0) throw rateLimitedProblem(id, decision.wait);
    }
    throw problem;
  }
}

/**
 * The caller of the request's `Authorization: Bearer` API key; `null` for `public` operations (a key
 * sent there is ignored). An operation's own identification (the dashboard's session) runs before and
 * sets the caller, and then this step does nothing.
 */
export function authenticate(core: HubCore, op: SpecOperation): HubMiddleware {
  return async (c, next) => {
    if (c.get('caller') === undefined) {
      const caller =
        op.role === 'public'
          ? null
          : await identify(core, c, () => authenticateKey(core, bearerKey(c.req.raw)));
      c.set('caller', caller);
    }
    await next();
  };
}
