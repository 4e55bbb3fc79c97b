import { operationsAt } from '@tukar/spec/operations';
import type { Handler } from 'hono';
import { HubProblem, problemResponse } from '../hub-problem';
import { problemPath } from '../mask-record-key';
import { type HubEnv, pathnameOf } from './hub-env';

/** No operation answers the request: 405 with `Allow` when the path has other methods, else 404. */
export const notFound: Handler<HubEnv> = (c) => {
  const requested = pathnameOf(c.req.raw);
  const allowed = operationsAt(requested).map((op) => op.method);
  const pathname = problemPath(requested);
  const problem =
    allowed.length > 0
      ? new HubProblem(
          405,
          'method_not_allowed',
          `${c.req.method} is not allowed on ${pathname}; allowed: ${allowed.join(', ')}.`,
        )
      : new HubProblem(
          404,
          'not_found',
          `No operation at ${c.req.method} ${pathname}; the API is described at GET /v1/meta/openapi.`,
        );
  const response = problemResponse(problem, c.get('requestId'), pathname);
  if (allowed.length > 0) response.headers.set('allow', allowed.join(', '));
  return response;
};
