import type { SpecOperation } from '@tukar/spec/operations';
import { nextTurn } from '../event-loop-slices';
import { checkBody as checkAgainstSpec } from '../request-checks';
import type { HubMiddleware } from './hub-env';

/**
 * A body this large takes milliseconds to parse and as long to check (a 5,000-record batch is about a
 * MiB): other requests get a turn of the event loop after each step, so that a read does not wait for both.
 */
const LARGE_BODY_BYTES = 64 * 1024;

/** Checks the parsed body against the operation's schema in the spec (400 naming each wrong field). */
export function checkBody(op: SpecOperation): HubMiddleware {
  return async (c, next) => {
    if (op.requestBody) {
      const large = (c.get('rawBody')?.byteLength ?? 0) > LARGE_BODY_BYTES;
      if (large) await nextTurn();
      checkAgainstSpec(op, c.get('body'));
      if (large) await nextTurn();
    }
    await next();
  };
}
