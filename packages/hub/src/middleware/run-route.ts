import type { OperationId, OperationInput, SpecOperation } from '@tukar/spec/operations';
import type { HubCore, RequestContext, RouteHandler } from '../request-context';
import type { HubMiddleware } from './hub-env';

/**
 * The end of the request path: hands the route its input, checked by the steps before and therefore
 * typed as the spec's `OperationInput` of the operation, and turns its answer into the response. A
 * route that stored its audit entry with its write says so in its answer, for the audit step.
 */
export function runRoute<Id extends OperationId>(
  core: HubCore,
  op: SpecOperation<Id>,
  handler: RouteHandler<Id>,
): HubMiddleware {
  return async (c) => {
    // Checked against this operation's schemas by checkParameters and checkBody.
    const input = { ...c.get('parameters'), body: c.get('body') } as unknown as OperationInput<Id>;
    const ctx: RequestContext<Id> = {
      ...input,
      core,
      op,
      request: c.req.raw,
      requestId: c.get('requestId'),
      caller: c.get('caller') ?? null,
      rawBody: c.get('rawBody'),
      bodySha256: c.get('bodySha256'),
      datasetId: c.get('datasetId') ?? null,
      at: core.now().toISOString(),
    };
    const answer = await handler(ctx);
    c.set('datasetId', ctx.datasetId);
    if (answer instanceof Response) return answer;
    c.set('audited', answer.audited);
    return answer.response;
  };
}
