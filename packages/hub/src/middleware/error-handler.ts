import type { ErrorHandler } from 'hono';
import { HubProblem, problemResponse } from '../hub-problem';
import { storeFaultOf } from '../kysely/store-fault';
import { problemPath } from '../mask-record-key';
import type { HubCore } from '../request-context';
import { type HubEnv, pathnameOf } from './hub-env';
import { loggedPath } from './log-line';

/**
 * The one place a thrown error becomes an answer: a {@link HubProblem} becomes its problem+json; any
 * error that says the store is unavailable (a lost database connection, a full disk: `storeFaultOf`) is
 * logged with its reason and answers 503 `store_unavailable` with `Retry-After`; any other error is
 * logged with its stack and answers 500 `internal_error` naming the request id.
 */
export function errorHandler(core: HubCore): ErrorHandler<HubEnv> {
  return (error, c) => {
    const requestId = c.get('requestId');
    const pathname = pathnameOf(c.req.raw);
    if (error instanceof HubProblem) return problemResponse(error, requestId, problemPath(pathname));
    const fault = storeFaultOf(error);
    if (fault) {
      core.log({
        level: 'warn',
        msg: 'store unavailable',
        requestId,
        method: c.req.method,
        path: loggedPath(pathname),
        error: fault.reason,
      });
      const detail =
        `The hub's store is unavailable: ${fault.reason}. Retry after ${fault.retryAfter} s; a push ` +
        'retried with the same Idempotency-Key is applied once.';
      return problemResponse(
        new HubProblem(503, 'store_unavailable', detail, { retryAfter: fault.retryAfter }),
        requestId,
        problemPath(pathname),
      );
    }
    core.log({
      level: 'error',
      msg: 'request failed',
      requestId,
      method: c.req.method,
      path: loggedPath(pathname),
      error: error.stack ?? error.message,
    });
    return problemResponse(
      new HubProblem(
        500,
        'internal_error',
        `The hub failed on this request; nothing of it was committed unless its answer said so. Quote request id ${requestId} to the administrator.`,
      ),
      requestId,
      problemPath(pathname),
    );
  };
}
