import type { SpecOperation } from '@tukar/spec/operations';
import { authenticateKey, bearerKey } from '../access-control';
import { HubProblem } from '../hub-problem';
import type { Caller, HubCore } from '../request-context';
import type { HubMiddleware } from './hub-env';
import { takeToken } from './rate-limit';

/**
 * Runs one way of identifying the caller. A refused credential also spends a token of the shared
 * `unauthenticated` budget, so guessing keys is rate limited too.
 */
export async function identify(core: HubCore, find: () => Promise<Caller | null>): Promise<Caller | null> {
  try {
    return await find();
  } catch (problem) {
    if (problem instanceof HubProblem) takeToken(core, 'unauthenticated');
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
        op.role === 'public' ? null : await identify(core, () => authenticateKey(core, bearerKey(c.req.raw)));
      c.set('caller', caller);
    }
    await next();
  };
}
