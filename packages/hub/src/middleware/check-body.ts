import type { SpecOperation } from '@tukar/spec/operations';
import { checkBody as checkAgainstSpec } from '../request-checks';
import type { HubMiddleware } from './hub-env';

/** Checks the parsed body against the operation's schema in the spec (400 naming each wrong field). */
export function checkBody(op: SpecOperation): HubMiddleware {
  return async (c, next) => {
    if (op.requestBody) checkAgainstSpec(op, c.get('body'));
    await next();
  };
}
