import { HUB_LIMITS } from '@tukar/spec';
import { HubProblem } from '../hub-problem';
import type { HubMiddlewareFactory } from '../middleware/hub-env';

/**
 * A push batch over `maxBatchSize` answers 413 `payload_too_large`, as the spec's pushRecords says (the
 * schema's `maxItems` alone would make it a generic 400), so this runs before the schema check.
 */
export const limitBatchSize: HubMiddlewareFactory = () => async (c, next) => {
  const body: unknown = c.get('body');
  if (body !== null && typeof body === 'object') {
    for (const [field, noun] of [
      ['upsert', 'upserts'],
      ['delete', 'deletes'],
    ] as const) {
      const items: unknown = Reflect.get(body, field);
      if (Array.isArray(items) && items.length > HUB_LIMITS.maxBatchSize) {
        throw new HubProblem(
          413,
          'payload_too_large',
          `The batch has ${items.length} ${noun}; at most ${HUB_LIMITS.maxBatchSize} per request. Split it into batches of ${HUB_LIMITS.maxBatchSize} or fewer.`,
        );
      }
    }
  }
  await next();
};
