import { matchPath, type SpecOperation } from '@tukar/spec/operations';
import { HubProblem } from '../hub-problem';
import { checkParameters as checkAgainstSpec } from '../request-checks';
import { type HubMiddleware, pathnameOf } from './hub-env';

function decodedPathParameters(op: SpecOperation, pathname: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(matchPath(op.path, pathname) ?? {})) {
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      throw new HubProblem(400, 'bad_request', `Path parameter "${name}" is not valid percent-encoding.`);
    }
  }
  return out;
}

/**
 * Checks and converts the path, query and header parameters against the operation in the spec (400
 * naming the parameter), and notes the `datasetId` path parameter for the audit log.
 */
export function checkParameters(op: SpecOperation): HubMiddleware {
  return async (c, next) => {
    const request = c.req.raw;
    const url = new URL(request.url);
    const path = checkAgainstSpec(op, 'path', decodedPathParameters(op, pathnameOf(request)));
    c.set('datasetId', typeof path.datasetId === 'string' ? path.datasetId : null);
    const query = checkAgainstSpec(op, 'query', Object.fromEntries(url.searchParams));
    const headers = checkAgainstSpec(op, 'header', Object.fromEntries(request.headers));
    c.set('parameters', { path, query, headers });
    await next();
  };
}
