import { HUB_LIMITS } from '@tukar/spec';
import type { SpecOperation } from '@tukar/spec/operations';
import { HubProblem } from '../hub-problem';
import { parseFormBody, parseJsonBody, readBody } from '../read-body';
import type { HubMiddleware } from './hub-env';

const FORM_TYPE = 'application/x-www-form-urlencoded';

function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads and parses the body of an operation that takes one: 415 for a media type the spec does not
 * list, 413 over the size limit, 400 for JSON that does not parse. An optional body may be left out
 * (it reads as `{}`).
 */
export function readRequestBody(op: SpecOperation): HubMiddleware {
  return async (c, next) => {
    const spec = op.requestBody;
    const request = c.req.raw;
    if (spec) {
      const type = mediaTypeOf(request);
      const empty = request.body === null || request.headers.get('content-length') === '0';
      if (empty && !spec.required) {
        c.set('body', {});
      } else {
        if (!spec.mediaTypes.includes(type)) {
          throw new HubProblem(
            415,
            'unsupported_media_type',
            `Content-Type "${type || '(none)'}" is not accepted here; send ${spec.mediaTypes.join(' or ')}.`,
          );
        }
        const raw = await readBody(request, op.limits.maxBodyBytes ?? HUB_LIMITS.maxBodyBytes);
        c.set('rawBody', raw);
        c.set('body', type === FORM_TYPE ? parseFormBody(raw) : parseJsonBody(raw));
      }
    }
    await next();
  };
}
